using Photocollect.Tenancy.Settings;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// A school's payment settings (section <c>payments</c>): the provider and its credentials. Secrets are encrypted at
/// rest with a key per school and section, and shown back only masked.
/// </summary>
[TenantSettingsSection("payments")]
public sealed class PaymentSettings
{
    /// <summary>Chosen provider.</summary>
    public PaymentProviderKind Provider { get; set; } = PaymentProviderKind.Sandbox;

    /// <summary>WeChat Pay: API base, normally https://api.mch.weixin.qq.com.</summary>
    public string WeChatBaseUrl { get; set; } = "https://api.mch.weixin.qq.com";

    /// <summary>WeChat Pay: the service provider's merchant id (sp_mchid).</summary>
    public string? WeChatSpMchId { get; set; }

    /// <summary>WeChat Pay: the service provider's app id (sp_appid), for JSAPI.</summary>
    public string? WeChatSpAppId { get; set; }

    /// <summary>WeChat Pay: the school's sub-merchant id (sub_mchid); the money goes there.</summary>
    public string? WeChatSubMchId { get; set; }

    /// <summary>WeChat Pay: the serial number of the service provider's API certificate (signs requests).</summary>
    public string? WeChatMerchantSerialNo { get; set; }

    /// <summary>WeChat Pay: the service provider's API private key (PKCS#8 PEM).</summary>
    [Secret]
    public string? WeChatMerchantPrivateKey { get; set; }

    /// <summary>WeChat Pay: the APIv3 key (32 characters) that decrypts notifications.</summary>
    [Secret]
    public string? WeChatApiV3Key { get; set; }

    /// <summary>WeChat Pay: platform certificates (PEM, one or more), chosen by serial to verify signatures.</summary>
    public string? WeChatPlatformCertificates { get; set; }

    /// <summary>WeChat Pay: the WeChat Pay public key's id (PUB_KEY_ID_…), used instead of or beside certificates.</summary>
    public string? WeChatPublicKeyId { get; set; }

    /// <summary>WeChat Pay: the WeChat Pay public key (PEM).</summary>
    public string? WeChatPublicKey { get; set; }

    /// <summary>Stripe: API base, normally https://api.stripe.com.</summary>
    public string StripeBaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Stripe: the secret API key (sk_…).</summary>
    [Secret]
    public string? StripeSecretKey { get; set; }

    /// <summary>Stripe: the webhook endpoint's signing secret (whsec_…).</summary>
    [Secret]
    public string? StripeWebhookSecret { get; set; }
}
