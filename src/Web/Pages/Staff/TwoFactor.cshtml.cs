using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff;

/// <summary>Second step of staff sign-in: the six-digit code of an authenticator app (TOTP).</summary>
public sealed class TwoFactorModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The authenticator code.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Carried from the password step.</summary>
    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    /// <summary>Where to go next (local only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Red message.</summary>
    public string? Error { get; private set; }

    /// <summary>Only after a correct password.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Staff/Login") : Page();

    /// <summary>Checks the code.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Staff/Login");
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/staff");
        }

        Error = result.IsLockedOut ? localizer["Staff.Login.LockedOut"] : localizer["Staff.TwoFactor.Wrong"];
        return Page();
    }
}
