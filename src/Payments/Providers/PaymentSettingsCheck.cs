using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Photocollect.Payments;

/// <summary>
/// What a school's payment settings lack or get wrong for the chosen provider, as resource keys
/// (<c>PaymentSettings.Error.{field}</c>): checked before saving, so a school never switches to a provider it cannot use.
/// </summary>
public static class PaymentSettingsCheck
{
    /// <summary>The problems, empty when the chosen provider can be used.</summary>
    public static IReadOnlyList<string> Problems(PaymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
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
                Need(IsDigits(settings.WeChatSpMchId), nameof(PaymentSettings.WeChatSpMchId));
                Need(IsDigits(settings.WeChatSubMchId), nameof(PaymentSettings.WeChatSubMchId));
                Need(settings.WeChatSpAppId is null or "" || settings.WeChatSpAppId.StartsWith("wx", StringComparison.Ordinal), nameof(PaymentSettings.WeChatSpAppId));
                Need(settings.WeChatMerchantSerialNo is { Length: >= 16 and <= 64 } serial && serial.All(Uri.IsHexDigit), nameof(PaymentSettings.WeChatMerchantSerialNo));
                Need(IsRsaPem(settings.WeChatMerchantPrivateKey, isPrivate: true), nameof(PaymentSettings.WeChatMerchantPrivateKey));
                Need(settings.WeChatApiV3Key is { Length: 32 } key && key.All(char.IsAsciiLetterOrDigit), nameof(PaymentSettings.WeChatApiV3Key));
                var certificates = string.IsNullOrWhiteSpace(settings.WeChatPlatformCertificates) || IsCertificatePem(settings.WeChatPlatformCertificates);
                var publicKey = string.IsNullOrWhiteSpace(settings.WeChatPublicKey) && string.IsNullOrWhiteSpace(settings.WeChatPublicKeyId)
                    || (settings.WeChatPublicKeyId?.StartsWith("PUB_KEY_ID_", StringComparison.Ordinal) == true && IsRsaPem(settings.WeChatPublicKey, isPrivate: false));
                Need(certificates, nameof(PaymentSettings.WeChatPlatformCertificates));
                Need(publicKey, nameof(PaymentSettings.WeChatPublicKey));
                Need(!string.IsNullOrWhiteSpace(settings.WeChatPlatformCertificates) || !string.IsNullOrWhiteSpace(settings.WeChatPublicKey), "WeChatVerifier");
                break;
            case PaymentProviderKind.Stripe:
                Need(settings.StripeSecretKey is { } sk && (sk.StartsWith("sk_", StringComparison.Ordinal) || sk.StartsWith("rk_", StringComparison.Ordinal)) && sk.Length > 10, nameof(PaymentSettings.StripeSecretKey));
                Need(settings.StripeWebhookSecret is { } wh && wh.StartsWith("whsec_", StringComparison.Ordinal) && wh.Length > 10, nameof(PaymentSettings.StripeWebhookSecret));
                break;
        }

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
