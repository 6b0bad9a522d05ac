using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff;

/// <summary>Landing page of each staff role (what comes next for it); reviewers see the queue and today's decisions,
/// operators every school.</summary>
public sealed class IndexModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AppDbContext db, SessionStamps sessions, ReviewDesk desk, TenantContext tenant) : PageModel
{
    /// <summary>Display name.</summary>
    public string? DisplayName { get; private set; }

    /// <summary>E-mail.</summary>
    public string? Email { get; private set; }

    /// <summary>Roles held.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = [];

    /// <summary>For operators: all schools.</summary>
    public IReadOnlyList<School>? Schools { get; private set; }

    /// <summary>For reviewers at a school: the queue now and today's decisions, theirs and the school's.</summary>
    public ReviewDay? Review { get; private set; }

    /// <summary>Shows the landing page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        DisplayName = user.DisplayName;
        Email = user.Email;
        Roles = [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)];
        if (Roles.Contains(Data.Roles.Reviewer) && tenant.School is not null)
        {
            Review = await desk.DayAsync(user.Id, cancellationToken);
        }

        if (Roles.Contains(Data.Roles.PlatformOperator))
        {
            Schools = await db.Schools.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(cancellationToken);
        }

        return Page();
    }

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostLogoutAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(users, user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect(Request.PathBase + "/staff/login");
    }
}
