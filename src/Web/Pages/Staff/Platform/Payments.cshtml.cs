using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// The platform's WeChat Pay service-provider account (服务商), held once by the operator: merchant number, app id,
/// API certificate serial and private key, APIv3 key, and the platform certificates or public key that verify WeChat
/// Pay's answers. Secrets are shown only masked and kept when left empty; nothing unusable is saved; the trail names
/// the fields changed, never their values.
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
public sealed class PaymentsModel(IPlatformSettings platform, TenantContext tenant, AuditTrail audit) : PageModel
{
    /// <summary>The form (secrets: empty keeps the stored value).</summary>
    [BindProperty]
    public WeChatPlatformSettings Input { get; set; } = new();

    /// <summary>The stored secrets, masked: private key, APIv3 key.</summary>
    public (string PrivateKey, string ApiV3Key) Masked { get; private set; } = (string.Empty, string.Empty);

    /// <summary>Problems (resource keys).</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>Whether the stored account can be used now.</summary>
    public bool Ready { get; private set; }

    /// <summary>Shows the account.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        var stored = await platform.GetAsync<WeChatPlatformSettings>(cancellationToken);
        Show(stored, stored);
        return Page();
    }

    /// <summary>Checks and saves.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        var stored = await platform.GetAsync<WeChatPlatformSettings>(cancellationToken);
        var merged = WithoutSecrets(Input);
        merged.BaseUrl = stored.BaseUrl;  // the provider's address is configuration, not a form field
        merged.MerchantPrivateKey = Keep(Input.MerchantPrivateKey, stored.MerchantPrivateKey);
        merged.ApiV3Key = Keep(Input.ApiV3Key, stored.ApiV3Key);
        Errors = PaymentSettingsCheck.PlatformProblems(merged);
        if (Errors.Count == 0)
        {
            var changed = typeof(WeChatPlatformSettings).GetProperties().Where(p => !Equals(p.GetValue(stored), p.GetValue(merged))).Select(p => p.Name).ToList();
            await platform.SaveAsync(merged, cancellationToken);
            await audit.RecordAsync(AuditActions.PlatformPaymentSettings, "wechatpay", new { changed }, cancellationToken);
            Saved = true;
            stored = merged;
        }

        Show(stored, merged);
        return Page();
    }

    private void Show(WeChatPlatformSettings stored, WeChatPlatformSettings typed)
    {
        Ready = PaymentSettingsCheck.PlatformProblems(stored).Count == 0;
        Masked = (SecretMask.Mask(stored.MerchantPrivateKey?.Trim()), SecretMask.Mask(stored.ApiV3Key));
        Input = WithoutSecrets(typed);
    }

    private static string? Keep(string? typed, string? stored) => string.IsNullOrWhiteSpace(typed) ? stored : typed.Trim();

    private static WeChatPlatformSettings WithoutSecrets(WeChatPlatformSettings s) => new()
    {
        SpMchId = s.SpMchId?.Trim(),
        SpAppId = s.SpAppId?.Trim(),
        MerchantSerialNo = s.MerchantSerialNo?.Trim(),
        PlatformCertificates = s.PlatformCertificates?.Trim(),
        PublicKeyId = s.PublicKeyId?.Trim(),
        PublicKey = s.PublicKey?.Trim(),
    };
}
