using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Photocollect.Payments;

/// <summary>
/// What a school's payment settings, or the platform's WeChat Pay service-provider account, lack or get wrong, as
/// resource keys (<c>PaymentSettings.Error.{field}</c>): checked before saving, so a school never switches to a provider
/// it cannot use.
/// </summary>
public static class PaymentSettingsCheck
{
    /// <summary>
    /// The problems of a school's settings, empty when the chosen provider can be used: WeChat Pay needs the school's
    /// sub-merchant number and a usable platform service-provider account (<paramref name="platform"/>).
    /// </summary>
    public static IReadOnlyList<string> Problems(PaymentSettings settings, WeChatPlatformSettings platform)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(platform);
        var problems = new List<string>();
        void Need(bool ok, string field)
        {
            if (!ok)
            {
                problems.Add($"PaymentSettings.Error.{field}");
            }
        }

        switch (settings.Provider)
        {
            case PaymentProviderKind.WeChatPay:
                Need(IsDigits(settings.WeChatSubMchId), nameof(PaymentSettings.WeChatSubMchId));
                Need(PlatformProblems(platform).Count == 0, "WeChatPlatform");
                break;
            case PaymentProviderKind.Stripe:
                Need(settings.StripeSecretKey is { } sk && (sk.StartsWith("sk_", StringComparison.Ordinal) || sk.StartsWith("rk_", StringComparison.Ordinal)) && sk.Length > 10, nameof(PaymentSettings.StripeSecretKey));
                Need(settings.StripeWebhookSecret is { } wh && wh.StartsWith("whsec_", StringComparison.Ordinal) && wh.Length > 10, nameof(PaymentSettings.StripeWebhookSecret));
                break;
        }

        return problems;
    }

    /// <summary>The problems of the platform's WeChat Pay service-provider account, empty when it can be used.</summary>
    public static IReadOnlyList<string> PlatformProblems(WeChatPlatformSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        void Need(bool ok, string field)
        {
            if (!ok)
            {
                problems.Add($"PaymentSettings.Error.WeChat{field}");
            }
        }

        Need(IsDigits(settings.SpMchId), nameof(WeChatPlatformSettings.SpMchId));
        Need(settings.SpAppId is null or "" || settings.SpAppId.StartsWith("wx", StringComparison.Ordinal), nameof(WeChatPlatformSettings.SpAppId));
        Need(settings.MerchantSerialNo is { Length: >= 16 and <= 64 } serial && serial.All(Uri.IsHexDigit), nameof(WeChatPlatformSettings.MerchantSerialNo));
        Need(IsRsaPem(settings.MerchantPrivateKey, isPrivate: true), nameof(WeChatPlatformSettings.MerchantPrivateKey));
        Need(settings.ApiV3Key is { Length: 32 } key && key.All(char.IsAsciiLetterOrDigit), nameof(WeChatPlatformSettings.ApiV3Key));
        var certificates = string.IsNullOrWhiteSpace(settings.PlatformCertificates) || IsCertificatePem(settings.PlatformCertificates);
        var publicKey = string.IsNullOrWhiteSpace(settings.PublicKey) && string.IsNullOrWhiteSpace(settings.PublicKeyId)
            || (settings.PublicKeyId?.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal) == true && IsRsaPem(settings.PublicKey, isPrivate: false));
        Need(certificates, nameof(WeChatPlatformSettings.PlatformCertificates));
        Need(publicKey, nameof(WeChatPlatformSettings.PublicKey));
        Need(!string.IsNullOrWhiteSpace(settings.PlatformCertificates) || !string.IsNullOrWhiteSpace(settings.PublicKey), "Verifier");
        return problems;
    }

    private static bool IsDigits(string? value) => value is { Length: >= 6 and <= 32 } && value.All(char.IsAsciiDigit);

    private static bool IsRsaPem(string? pem, bool isPrivate)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return false;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return !isPrivate || rsa.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return false;
        }
    }

    private static bool IsCertificatePem(string pem)
    {
        try
        {
            var certificates = WeChatPayProvider.Certificates(pem).ToList();
            var usable = certificates.Count > 0 && certificates.All(c => c.GetRSAPublicKey() is not null);
            certificates.ForEach(c => c.Dispose());
            return usable;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
