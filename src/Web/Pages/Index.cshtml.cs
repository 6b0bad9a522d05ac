using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Accounts;
using Photocollect.Data;

namespace Photocollect.Web.Pages;

/// <summary>A school's student home (two entries for a new user, six once signed in, and 现场采集 where the school
/// photographs on site) or the platform landing.</summary>
public sealed class IndexModel(TenantContext tenant, ITenantSettings settings) : PageModel
{
    /// <summary>A student of this school is signed in.</summary>
    public bool SignedIn { get; private set; }

    /// <summary>The school photographs students on site too.</summary>
    public bool OnSite { get; private set; }

    /// <summary>Link inside the current school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SignedIn = User.IsInRole(Roles.Student) && TenantClaims.BelongsTo(User, tenant);
        if (tenant.School is not null)
        {
            OnSite = (await settings.GetAsync<SchoolProfileSettings>(cancellationToken)).CaptureMode is CaptureMode.Offline or CaptureMode.Both;
        }
    }
}
