using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Data;

namespace Photocollect.Web.Pages;

/// <summary>A school's student home (two entries for a new user, six once signed in) or the platform landing.</summary>
public sealed class IndexModel(TenantContext tenant) : PageModel
{
    /// <summary>A student of this school is signed in.</summary>
    public bool SignedIn { get; private set; }

    /// <summary>Link inside the current school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Shows the page.</summary>
    public void OnGet() => SignedIn = User.IsInRole(Roles.Student) && TenantClaims.BelongsTo(User, tenant);
}
