using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;

namespace Photocollect.Web.Pages;

/// <summary>联系客服: the school's support phone and hours.</summary>
public sealed class SupportModel(ITenantSettings settings) : PageModel
{
    /// <summary>The school's profile settings.</summary>
    public SchoolProfileSettings Profile { get; private set; } = new();

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Profile = await settings.GetAsync<SchoolProfileSettings>(cancellationToken);
}
