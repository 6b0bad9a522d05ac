using Photocollect.Tenancy.Settings;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// A school's payment settings (section <c>payments</c>): the provider, its WeChat Pay sub-merchant number, its Stripe keys. Secrets are encrypted at
/// rest with a key per school and section, and shown back only masked.
/// </summary>
[TenantSettingsSection("payments")]
public sealed class PaymentSettings
{
    /// <summary>Chosen provider.</summary>
    public PaymentProviderKind Provider { get; set; } = PaymentProviderKind.Sandbox;

    /// <summary>
    /// WeChat Pay: the school's sub-merchant id (sub_mchid) under the platform's service provider
    /// (<see cref="WeChatPlatformSettings"/>); the money goes there.
    /// </summary>
    public string? WeChatSubMchId { get; set; }

    /// <summary>Stripe: API base, normally https://api.stripe.com.</summary>
    public string StripeBaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Stripe: the secret API key (sk_…).</summary>
    [Secret]
    public string? StripeSecretKey { get; set; }

    /// <summary>Stripe: the webhook endpoint's signing secret (whsec_…).</summary>
    [Secret]
    public string? StripeWebhookSecret { get; set; }
}
