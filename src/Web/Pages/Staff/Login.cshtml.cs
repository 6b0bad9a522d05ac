using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Tenancy;

namespace Photocollect.Web.Pages.Staff;

/// <summary>
/// Staff sign-in by e-mail and password. Inside a school only that school's staff can sign in (accounts are looked up
/// through the tenant filter); at the platform root, only operators. Guessing is slowed by <see cref="SignInThrottle"/>
/// (per address and account, and per address), never by locking the account, and an unknown e-mail is answered as a
/// known one with a wrong password, in words and in time.
/// </summary>
public sealed class LoginModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottle throttle,
    TenantContext tenant,
    IStringLocalizer<SharedResource> localizer,
    AuditTrail audit) : PageModel
{
    // A hash of a random password, checked against for unknown accounts.
    private static readonly Lazy<string> UnknownAccountHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    /// <summary>E-mail (the user name).</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Keep the session across browser restarts.</summary>
    [BindProperty]
    public bool RememberMe { get; set; }

    /// <summary>Where to go next (local only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Red message.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the password; goes to the second factor when enabled.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 256 || Password.Length > 128)
        {
            Error = localizer["Staff.Login.Missing"];
            return Page();
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var account = SignInThrottle.AccountKey(tenant.School?.Slug, Email);
        var ct = HttpContext.RequestAborted;
        if (await throttle.WaitAsync(address, account, ct) is { } wait)
        {
            Error = localizer["Staff.Login.Throttled", (int)Math.Ceiling(wait.TotalMinutes)];
            return Page();
        }

        var user = await users.FindByNameAsync(Email.Trim());
        var roleList = user is null ? [] : await users.GetRolesAsync(user);
        if (user is null || !roleList.Any(r => r != Roles.Student))
        {
            // As long as checking a real password takes, so the answer's time does not tell which e-mails exist.
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownAccountHash.Value, Password);
            await throttle.FailedAsync(address, account, ct);
            await audit.RecordAsAsync(null, Email.Trim(), "", address, AuditActions.SignInFailed, "", null, ct);
            Error = localizer["Staff.Login.Failed"];
            return Page();
        }

        // The throttle, not Identity's lockout, answers guessing: someone else's failures must not lock the owner out.
        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: false);
        var roles = string.Join(",", roleList);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(address, account, ct);
            await audit.RecordAsAsync(user.Id, Email.Trim(), roles, address, AuditActions.SignIn, "", result.RequiresTwoFactor ? new { secondFactor = "asked" } : null, ct);
            return result.Succeeded
                ? LocalRedirect(Target())
                : RedirectToPage("/Staff/TwoFactor", new { ReturnUrl = Target(), RememberMe });
        }

        if (!result.IsLockedOut)
        {
            await throttle.FailedAsync(address, account, ct);
        }

        await audit.RecordAsAsync(user.Id, Email.Trim(), roles, address, AuditActions.SignInFailed, "", result.IsLockedOut ? new { lockedOut = true } : null, ct);

        // Locked only by failed second factors, which take the right password first.
        Error = result.IsLockedOut ? localizer["Staff.Login.LockedOut"] : localizer["Staff.Login.Failed"];
        return Page();
    }

    private string Target() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/staff";
}
