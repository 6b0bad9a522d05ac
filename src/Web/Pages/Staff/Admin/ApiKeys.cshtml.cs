using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Data;
using Photocollect.Delivery.ApiKeys;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// The school's API keys (<c>/api/v1/school/…</c>, for its student-record or campus-card system): make one with a
/// name, see it once on the answer to that form (never again: only its hash is kept), list them, revoke one.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class ApiKeysModel(SchoolApiKeys keys, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The new key's name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The key to revoke.</summary>
    [BindProperty]
    public Guid Id { get; set; }

    /// <summary>The school's keys.</summary>
    public IReadOnlyList<SchoolApiKey> Keys { get; private set; } = [];

    /// <summary>The key just made, shown on this answer only.</summary>
    public SchoolApiKeys.CreatedKey? Created { get; private set; }

    /// <summary>A problem with the form (resource key).</summary>
    public string? Problem { get; private set; }

    /// <summary>A message after a revocation.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Lists the keys.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await keys.ListAsync(cancellationToken);

    /// <summary>Makes a key and shows it, this once.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var account = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Created = await keys.CreateAsync(Name, account, cancellationToken);
        if (Created is null)
        {
            Problem = "ApiKeys.Error.Name";
        }
        else
        {
            Name = null;
            // The only copy of the key is in this answer: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }

        Keys = await keys.ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Revokes a key.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (await keys.RevokeAsync(Id, cancellationToken) is not { } revoked)
        {
            Problem = "ApiKeys.Error.Gone";
            Keys = await keys.ListAsync(cancellationToken);
            return Page();
        }

        Info = localizer["ApiKeys.RevokedInfo", revoked.Name].Value;
        return RedirectToPage();
    }
}
