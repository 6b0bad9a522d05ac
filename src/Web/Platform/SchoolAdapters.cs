using Photocollect.Collection.Registry;
using Photocollect.Sms;

namespace Photocollect.Web.Platform;

/// <summary>
/// The operator's form for a school's adapters: its SMS provider (with the provider's keys, signature and template
/// ids) and its student registry (the simulator, or the HTTP registry's address and key). A secret left empty keeps
/// the stored one. <see cref="Problems"/> names what the chosen provider lacks, so nothing unusable is saved.
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

    /// <summary><c>simulator</c> or <c>http</c>.</summary>
    public string RegistryProvider { get; set; } = "simulator";

    /// <summary>The HTTP registry's base address.</summary>
    public string? RegistryBaseUrl { get; set; }

    /// <summary>The HTTP registry's key; empty keeps the stored one.</summary>
    public string? RegistryApiKey { get; set; }

    /// <summary>The form filled from stored settings (secrets left out).</summary>
    public static SchoolAdapters From(SmsSettings sms, RegistrySettings registry)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(registry);
        return new()
        {
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
            RegistryProvider = registry.Provider,
            RegistryBaseUrl = registry.BaseUrl,
        };
    }

    /// <summary>The settings to store: the form over the stored ones (stored secrets kept where the form's are empty).</summary>
    public (SmsSettings Sms, RegistrySettings Registry) Merge(SmsSettings stored, RegistrySettings storedRegistry)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedRegistry);
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
            Endpoint = stored.Endpoint,
        };
        var registry = new RegistrySettings
        {
            Provider = Trim(RegistryProvider)?.ToLowerInvariant() ?? "simulator",
            BaseUrl = Trim(RegistryBaseUrl),
            ApiKey = Trim(RegistryApiKey) ?? storedRegistry.ApiKey,
        };
        return (sms, registry);
    }

    /// <summary>What the chosen providers lack: (form field, resource key).</summary>
    public static IReadOnlyList<(string Field, string Key)> Problems(SmsSettings sms, RegistrySettings registry)
    {
        ArgumentNullException.ThrowIfNull(sms);
        ArgumentNullException.ThrowIfNull(registry);
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

        return problems;
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
