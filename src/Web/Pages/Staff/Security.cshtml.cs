using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff;

/// <summary>Optional second factor for staff: enrol an authenticator app (TOTP) or turn it off.</summary>
public sealed class SecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Whether TOTP is on.</summary>
    public bool Enabled { get; private set; }

    /// <summary>The key, grouped for typing.</summary>
    public string SharedKey { get; private set; } = string.Empty;

    /// <summary>The otpauth URI as a PNG QR code.</summary>
    public string QrPngBase64 { get; private set; } = string.Empty;

    /// <summary>The code to confirm enrolment.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Red message.</summary>
    public string? Error { get; private set; }

    /// <summary>Green message.</summary>
    public string? Info { get; private set; }

    /// <summary>Shows the state, and a key to enrol when off.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Turns TOTP on after a correct code.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = localizer["Staff.TwoFactor.Wrong"];
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        Info = localizer["Staff.Security.Enabled"];
        await LoadAsync();
        return Page();
    }

    /// <summary>Turns TOTP off and forgets the key.</summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Info = localizer["Staff.Security.Disabled"];
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            return true;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
        }

        SharedKey = Group(key);
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Photocollect:" + user.Email)}?secret={key}&issuer=Photocollect&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrPngBase64 = Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return true;
    }

    private static string Group(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().TrimEnd().ToLowerInvariant();
    }
}
