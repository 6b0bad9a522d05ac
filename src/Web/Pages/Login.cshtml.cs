using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Data;

namespace Photocollect.Web.Pages;

/// <summary>
/// Student login: tick the service agreement, get an SMS code, enter it. The account is created on the first
/// successful code, never before.
/// </summary>
public sealed class LoginModel(
    SmsCodeService codes,
    StudentAccounts accounts,
    SignInManager<AppUser> signIn,
    TenantContext tenant,
    SmsCodeOptions options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Phone as typed.</summary>
    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>Six-digit code as typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The service agreement box.</summary>
    [BindProperty]
    public bool Agree { get; set; }

    /// <summary>Where to go after login (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Message shown in red.</summary>
    public string? Error { get; private set; }

    /// <summary>Message shown in green.</summary>
    public string? Info { get; private set; }

    /// <summary>Seconds the send button stays disabled.</summary>
    public int CooldownSeconds { get; private set; }

    /// <summary>Shows the form; a student already signed in here goes on.</summary>
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Student) && TenantClaims.BelongsTo(User, tenant) ? LocalRedirect(Target()) : Page();

    /// <summary>Sends a code.</summary>
    public async Task<IActionResult> OnPostSendCodeAsync(CancellationToken cancellationToken)
    {
        if (!Agree)
        {
            Error = localizer["Login.MustAgree"];
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = await codes.SendAsync(Phone, ip, cancellationToken);
        switch (result.Status)
        {
            case SendCodeStatus.Sent:
                Info = localizer["Login.CodeSent", PhoneNumber.Mask(PhoneNumber.Normalise(Phone)!), (int)options.Lifetime.TotalMinutes];
                CooldownSeconds = (int)options.ResendInterval.TotalSeconds;
                break;
            case SendCodeStatus.TooSoon:
                CooldownSeconds = (int)Math.Ceiling(result.RetryAfter.TotalSeconds);
                Error = localizer["Login.TooSoon", CooldownSeconds];
                break;
            default:
                Error = Message(result.Status);
                break;
        }

        return Page();
    }

    /// <summary>Checks the code and signs in, creating the account on first login.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        if (!Agree)
        {
            Error = localizer["Login.MustAgree"];
            return Page();
        }

        var result = await codes.VerifyAsync(Phone, Code, cancellationToken);
        if (result.Status != VerifyCodeStatus.Verified)
        {
            Error = result.Status switch
            {
                VerifyCodeStatus.InvalidPhone => localizer["Login.InvalidPhone"],
                VerifyCodeStatus.Malformed => localizer["Login.CodeMalformed"],
                VerifyCodeStatus.NoActiveCode => localizer["Login.NoActiveCode"],
                VerifyCodeStatus.Wrong => localizer["Login.WrongCode", result.RemainingAttempts],
                _ => localizer["Login.CodeLocked"],
            };
            return Page();
        }

        var user = await accounts.FindOrCreateAsync(result.Phone!, cancellationToken);
        await signIn.SignInAsync(user, isPersistent: true);
        return LocalRedirect(Target());
    }

    private string Message(SendCodeStatus status) => status switch
    {
        SendCodeStatus.InvalidPhone => localizer["Login.InvalidPhone"],
        SendCodeStatus.PhoneDailyLimit => localizer["Login.PhoneDailyLimit"],
        SendCodeStatus.IpLimit => localizer["Login.IpLimit"],
        _ => localizer["Login.SendFailed"],
    };

    private string Target() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Request.PathBase + "/";
}
