using Photocollect.Tenancy.Settings;

namespace Photocollect.Payments;

/// <summary>
/// The platform's WeChat Pay service-provider account (服务商, platform section <c>wechatpay</c>): its merchant number,
/// app id, API certificate and keys, held once by the operator. Every school that takes WeChat Pay is a sub-merchant
/// under it and sets only its own sub-merchant number (<see cref="PaymentSettings.WeChatSubMchId"/>).
/// </summary>
[TenantSettingsSection("wechatpay")]
public sealed class WeChatPlatformSettings
{
    /// <summary>API base, normally https://api.mch.weixin.qq.com.</summary>
    public string BaseUrl { get; set; } = "https://api.mch.weixin.qq.com";

    /// <summary>The service provider's merchant id (sp_mchid).</summary>
    public string? SpMchId { get; set; }

    /// <summary>The service provider's app id (sp_appid), for JSAPI.</summary>
    public string? SpAppId { get; set; }

    /// <summary>The serial number of the service provider's API certificate (signs requests).</summary>
    public string? MerchantSerialNo { get; set; }

    /// <summary>The service provider's API private key (PKCS#8 PEM).</summary>
    [Secret]
    public string? MerchantPrivateKey { get; set; }

    /// <summary>The APIv3 key (32 characters) that decrypts notifications.</summary>
    [Secret]
    public string? ApiV3Key { get; set; }

    /// <summary>Platform certificates (PEM, one or more), chosen by serial to verify signatures.</summary>
    public string? PlatformCertificates { get; set; }

    /// <summary>The WeChat Pay public key's id (PUB_KEY_ID_…), used instead of or beside certificates.</summary>
    public string? PublicKeyId { get; set; }

    /// <summary>The WeChat Pay public key (PEM).</summary>
    public string? PublicKey { get; set; }
}
