using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff;

/// <summary>
/// Staff sign-in by e-mail and password, locked for 15 minutes after 5 failures. Inside a school only that school's
/// staff can sign in (accounts are looked up through the tenant filter); at the platform root, only operators.
/// </summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
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

        var user = await users.FindByNameAsync(Email.Trim());
        if (user is null || !(await users.GetRolesAsync(user)).Any(r => r != Roles.Student))
        {
            Error = localizer["Staff.Login.Failed"];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Target());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Staff/TwoFactor", new { ReturnUrl = Target(), RememberMe });
        }

        Error = result.IsLockedOut ? localizer["Staff.Login.LockedOut"] : localizer["Staff.Login.Failed"];
        return Page();
    }

    private string Target() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/staff";
}
