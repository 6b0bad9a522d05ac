using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Tenancy.Settings;
using Photocollect.Payments;
using Photocollect.Data;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// The school's payment provider (收款设置): WeChat Pay as a sub-merchant of the platform's service provider (the school
/// gives only its sub-merchant number; the platform's keys are the operator's), Stripe with the school's own keys, or
/// the Sandbox. Secrets are never shown back: the page says only
/// whether one is set and its last four characters, an empty secret field keeps the stored one, and a typed secret
/// is not echoed when the form comes back with problems. Nothing is saved while the chosen provider lacks something.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class PaymentSettingsModel(ITenantSettings settings, IPlatformSettings platform, SchoolUrls urls, AuditTrail audit, ILogger<PaymentSettingsModel> logger) : PageModel
{
    /// <summary>The form (secrets: empty keeps the stored value).</summary>
    [BindProperty]
    public PaymentSettings Input { get; set; } = new();

    /// <summary>The stored settings' secrets, masked.</summary>
    public IReadOnlyDictionary<string, string> Masked { get; private set; } = new Dictionary<string, string>();

    /// <summary>Problems (resource keys).</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the platform's WeChat Pay service-provider account is set up (a school can choose WeChat Pay).</summary>
    public bool WeChatPlatformReady { get; private set; }

    /// <summary>Saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>The school's notification URL for a provider (Stripe's webhook endpoint is set to it at Stripe).</summary>
    public string NotifyUrl(PaymentProviderKind kind) => $"{urls.Of(Request)}/pay/notify/{PaymentProviders.NameOf(kind)}";

    /// <summary>Shows the settings.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var stored = await settings.GetAsync<PaymentSettings>(cancellationToken);
        WeChatPlatformReady = PaymentSettingsCheck.PlatformProblems(await platform.GetAsync<WeChatPlatformSettings>(cancellationToken)).Count == 0;
        Mask(stored);
        Input = WithoutSecrets(stored);
    }

    /// <summary>Checks and saves.</summary>
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var stored = await settings.GetAsync<PaymentSettings>(cancellationToken);
        var merged = WithoutSecrets(Input);
        merged.StripeBaseUrl = stored.StripeBaseUrl;  // not editable here: the provider's address is not the school's to choose
        merged.StripeSecretKey = Keep(Input.StripeSecretKey, stored.StripeSecretKey);
        merged.StripeWebhookSecret = Keep(Input.StripeWebhookSecret, stored.StripeWebhookSecret);

        var wechat = await platform.GetAsync<WeChatPlatformSettings>(cancellationToken);
        WeChatPlatformReady = PaymentSettingsCheck.PlatformProblems(wechat).Count == 0;
        Errors = PaymentSettingsCheck.Problems(merged, wechat);
        if (Errors.Count == 0)
        {
            // The trail names the fields that changed, never their values (keys and certificates among them).
            var changed = typeof(PaymentSettings).GetProperties().Where(p => !Equals(p.GetValue(stored), p.GetValue(merged))).Select(p => p.Name).ToList();
            await settings.SaveAsync(merged, cancellationToken);
            await audit.RecordAsync(AuditActions.PaymentSettings, merged.Provider.ToString(), new { changed }, cancellationToken);
            logger.LogInformation("Payment settings of the school saved by {User}: provider {Provider}", User.Identity?.Name, merged.Provider);
            Saved = true;
            stored = merged;
        }

        Mask(stored);
        Input = WithoutSecrets(merged);
    }

    private static string? Keep(string? typed, string? stored) => string.IsNullOrWhiteSpace(typed) ? stored : typed.Trim();

    private static PaymentSettings WithoutSecrets(PaymentSettings s) => new()
    {
        Provider = s.Provider,
        WeChatSubMchId = s.WeChatSubMchId?.Trim(),
    };

    private void Mask(PaymentSettings stored) => Masked = new Dictionary<string, string>
    {
        [nameof(PaymentSettings.StripeSecretKey)] = SecretMask.Mask(stored.StripeSecretKey),
        [nameof(PaymentSettings.StripeWebhookSecret)] = SecretMask.Mask(stored.StripeWebhookSecret),
    };
}
