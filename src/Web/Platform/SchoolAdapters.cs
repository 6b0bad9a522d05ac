using Photocollect.Collection.Registry;
using Photocollect.Payments;
using Photocollect.Sms;

namespace Photocollect.Web.Platform;

/// <summary>
/// The operator's form for a school's adapters: its SMS provider (with the provider's keys, signature and template
/// ids), its student registry (the simulator, or the HTTP registry's address and key) and its payment provider with
/// the WeChat Pay sub-merchant number (the service provider applies for it on the school's behalf; Stripe's keys stay
/// the school admin's to enter). A secret left empty keeps the stored one. <see cref="Problems"/> names what the
/// chosen providers lack, so nothing unusable is saved.
/// </summary>
public sealed class SchoolAdapters
{
    /// <summary>SMS provider.</summary>
    public SmsProvider SmsProvider { get; set; }

    /// <summary>SMS signature (签名).</summary>
    public string? SignName { get; set; }

    /// <summary>Tencent SecretId / Aliyun AccessKeyId.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Tencent SecretKey / Aliyun AccessKeySecret; empty keeps the stored one.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>Tencent SmsSdkAppId.</summary>
    public string? SdkAppId { get; set; }

    /// <summary>Tencent region.</summary>
    public string? Region { get; set; }

    /// <summary>Template id: login code.</summary>
    public string? LoginCodeTemplateId { get; set; }

    /// <summary>Template id: approved.</summary>
    public string? ReviewApprovedTemplateId { get; set; }

    /// <summary>Template id: rejected.</summary>
    public string? ReviewRejectedTemplateId { get; set; }

    /// <summary>Template id: completed.</summary>
    public string? CompletedTemplateId { get; set; }

    /// <summary>Template id: staff invite.</summary>
    public string? StaffInviteTemplateId { get; set; }

    /// <summary>Template id: refunded.</summary>
    public string? RefundedTemplateId { get; set; }

    /// <summary><c>simulator</c> or <c>http</c>.</summary>
    public string RegistryProvider { get; set; } = "simulator";

    /// <summary>The HTTP registry's base address.</summary>
    public string? RegistryBaseUrl { get; set; }

    /// <summary>The HTTP registry's key; empty keeps the stored one.</summary>
    public string? RegistryApiKey { get; set; }

    /// <summary>Payment provider.</summary>
    public PaymentProviderKind PaymentProvider { get; set; }

    /// <summary>WeChat Pay sub-merchant number.</summary>
    public string? WeChatSubMchId { get; set; }

    /// <summary>The form filled from stored settings (secrets left out).</summary>
    public static SchoolAdapters From(SmsSettings sms, RegistrySettings registry, PaymentSettings payments)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(payments);
        return new()
        {
            PaymentProvider = payments.Provider,
            WeChatSubMchId = payments.WeChatSubMchId,
            SmsProvider = sms.Provider,
            SignName = sms.SignName,
            AccessKeyId = sms.AccessKeyId,
            SdkAppId = sms.SdkAppId,
            Region = sms.Region,
            LoginCodeTemplateId = sms.LoginCodeTemplateId,
            ReviewApprovedTemplateId = sms.ReviewApprovedTemplateId,
            ReviewRejectedTemplateId = sms.ReviewRejectedTemplateId,
            CompletedTemplateId = sms.CompletedTemplateId,
            StaffInviteTemplateId = sms.StaffInviteTemplateId,
            RefundedTemplateId = sms.RefundedTemplateId,
            RegistryProvider = registry.Provider,
            RegistryBaseUrl = registry.BaseUrl,
        };
    }

    /// <summary>The settings to store: the form over the stored ones (stored secrets kept where the form's are empty).</summary>
    public (SmsSettings Sms, RegistrySettings Registry, PaymentSettings Payments) Merge(SmsSettings stored, RegistrySettings storedRegistry, PaymentSettings storedPayments)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedRegistry);
        ArgumentNullException.ThrowIfNull(storedPayments);
        var sms = new SmsSettings
        {
            Provider = SmsProvider,
            SignName = Trim(SignName),
            AccessKeyId = Trim(AccessKeyId),
            AccessKeySecret = Trim(AccessKeySecret) ?? stored.AccessKeySecret,
            SdkAppId = Trim(SdkAppId),
            Region = Trim(Region) ?? stored.Region,
            LoginCodeTemplateId = Trim(LoginCodeTemplateId),
            ReviewApprovedTemplateId = Trim(ReviewApprovedTemplateId),
            ReviewRejectedTemplateId = Trim(ReviewRejectedTemplateId),
            CompletedTemplateId = Trim(CompletedTemplateId),
            StaffInviteTemplateId = Trim(StaffInviteTemplateId),
            RefundedTemplateId = Trim(RefundedTemplateId),
            Endpoint = stored.Endpoint,
        };
        var registry = new RegistrySettings
        {
            Provider = Trim(RegistryProvider)?.ToLowerInvariant() ?? "simulator",
            BaseUrl = Trim(RegistryBaseUrl),
            ApiKey = Trim(RegistryApiKey) ?? storedRegistry.ApiKey,
        };
        var payments = new PaymentSettings
        {
            Provider = PaymentProvider,
            WeChatSubMchId = Trim(WeChatSubMchId),
            StripeBaseUrl = storedPayments.StripeBaseUrl,
            StripeSecretKey = storedPayments.StripeSecretKey,
            StripeWebhookSecret = storedPayments.StripeWebhookSecret,
        };
        return (sms, registry, payments);
    }

    /// <summary>What the chosen providers lack: (form field, resource key).</summary>
    public static IReadOnlyList<(string Field, string Key)> Problems(SmsSettings sms, RegistrySettings registry, PaymentSettings payments, WeChatPlatformSettings wechat)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(payments);
        var problems = new List<(string, string)>();
        void Need(bool ok, string field)
        {
            if (!ok)
            {
                problems.Add((field, $"Adapters.Error.{field}"));
            }
        }

        if (!Enum.IsDefined(sms.Provider))
        {
            problems.Add((nameof(SmsProvider), "Adapters.Error.SmsProvider"));
        }
        else if (sms.Provider != Sms.SmsProvider.DevOutbox)
        {
            Need(sms.AccessKeyId is { Length: >= 8 and <= 128 }, nameof(AccessKeyId));
            Need(sms.AccessKeySecret is { Length: >= 8 and <= 256 }, nameof(AccessKeySecret));
            Need(sms.SignName is { Length: >= 2 and <= 20 }, nameof(SignName));
            Need(sms.LoginCodeTemplateId is { Length: > 0 and <= 64 }, nameof(LoginCodeTemplateId));
            if (sms.Provider == Sms.SmsProvider.TencentCloud)
            {
                Need(sms.SdkAppId is { Length: > 0 } app && app.All(char.IsAsciiDigit), nameof(SdkAppId));
            }
        }

        if (registry.Provider is not ("simulator" or "http"))
        {
            problems.Add((nameof(RegistryProvider), "Adapters.Error.RegistryProvider"));
        }
        else if (registry.Provider == "http")
        {
            Need(Uri.TryCreate(registry.BaseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.Query.Length == 0, nameof(RegistryBaseUrl));
            Need(registry.ApiKey is { Length: >= 8 }, nameof(RegistryApiKey));
        }

        if (!Enum.IsDefined(payments.Provider))
        {
            problems.Add((nameof(PaymentProvider), "Adapters.Error.PaymentProvider"));
        }
        else
        {
            // The payment checks are the school page's: a sub-merchant number, the platform's account, Stripe's keys.
            problems.AddRange(PaymentSettingsCheck.Problems(payments, wechat).Select(key =>
                (key == "PaymentSettings.Error.WeChatSubMchId" ? nameof(WeChatSubMchId) : nameof(PaymentProvider), key)));
        }

        return problems;
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
