using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Accounts;
using Photocollect.Collection.Retention;
using Photocollect.Data;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Student;

/// <summary>
/// 账号信息: masked phone, agreement accepted, sign out, and what the school's collection holds about the student
/// (records per campaign with name, masked ID number, photos stored and since when, orders, consent time), with the way
/// to erase it (<see cref="EraseModel"/>).
/// </summary>
public sealed class AccountModel(HeldPersonalData personal) : PageModel
{
    /// <summary>138****5678.</summary>
    public string MaskedPhone { get; private set; } = string.Empty;

    /// <summary>Agreement version accepted.</summary>
    public string? AgreementVersion { get; private set; }

    /// <summary>When, China time.</summary>
    public string AgreementAcceptedAt { get; private set; } = string.Empty;

    /// <summary>Account created, China time.</summary>
    public string CreatedAt { get; private set; } = string.Empty;

    /// <summary>The student's records at this school, with their photos and orders.</summary>
    public IReadOnlyList<HeldRecord> Records { get; private set; } = [];

    /// <summary>Shows the account.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // One read of the account and what it holds (the user's row is among it: not loaded a second time).
        var held = await personal.HeldAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), cancellationToken);
        if (held is null)
        {
            return NotFound();
        }

        MaskedPhone = held.MaskedPhone;
        AgreementVersion = held.AgreementVersion;
        AgreementAcceptedAt = Formats.ChinaTime(held.AgreementAcceptedAt);
        CreatedAt = Formats.ChinaTime(held.AccountCreatedAt);
        Records = held.Records;
        return Page();
    }

    /// <summary>Signs out and goes home. (Its services are the handler's: a page shown builds none of them.)</summary>
    public async Task<IActionResult> OnPostLogoutAsync([FromServices] UserManager<AppUser> users, [FromServices] SignInManager<AppUser> signIn, [FromServices] SessionStamps sessions)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(sessions);
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndAllAsync(users, user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect(Request.PathBase + "/");
    }
}
