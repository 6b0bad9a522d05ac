using Photocollect.Tenancy.Settings;

namespace Photocollect.Web.Sms;

/// <summary>What an SMS is for; each provider maps it to its own approved template.</summary>
public enum SmsTemplate
{
    /// <summary>Login code; parameters: code, minutes valid.</summary>
    LoginCode = 0,

    /// <summary>Photo approved; parameters: name, order number.</summary>
    ReviewApproved = 1,

    /// <summary>Photo rejected; parameters: name, order number, reason.</summary>
    ReviewRejected = 2,

    /// <summary>Photo produced and delivered; parameters: name, order number.</summary>
    Completed = 3,
}

/// <summary>The named parameters of each template (providers whose templates take named parameters use these).</summary>
public static class SmsTemplates
{
    /// <summary>Parameter names in order.</summary>
    public static IReadOnlyList<string> ParameterNames(SmsTemplate template) => template switch
    {
        SmsTemplate.LoginCode => ["code"],
        SmsTemplate.ReviewRejected => ["name", "order", "reason"],
        _ => ["name", "order"],
    };
}

/// <summary>An SMS to send: the template, its parameters, and the text as the dev outbox shows it.</summary>
/// <param name="Phone">11-digit mainland number.</param>
/// <param name="Template">Which approved template.</param>
/// <param name="Parameters">Template parameters in order.</param>
/// <param name="Text">Full text, for the outbox and logs of the dev sender.</param>
public sealed record SmsMessage(string Phone, SmsTemplate Template, IReadOnlyList<string> Parameters, string Text);

/// <summary>Sends SMS for the current school through the provider it chose.</summary>
public interface ISmsSender
{
    /// <summary>Sends, or throws <see cref="SmsSendException"/> with a reason fit to log.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider refused or could not be reached.</summary>
public sealed class SmsSendException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Which SMS provider a school uses.</summary>
public enum SmsProvider
{
    /// <summary>Stored in the database, readable on the dev-only outbox page.</summary>
    DevOutbox = 0,

    /// <summary>Tencent Cloud SMS (API 2021-01-11, TC3-HMAC-SHA256).</summary>
    TencentCloud = 1,

    /// <summary>Aliyun SMS (dysmsapi 2017-05-25, RPC HMAC-SHA1).</summary>
    Aliyun = 2,
}

/// <summary>A school's SMS settings (section <c>sms</c>).</summary>
[TenantSettingsSection("sms")]
public sealed class SmsSettings
{
    /// <summary>Chosen provider.</summary>
    public SmsProvider Provider { get; set; } = SmsProvider.DevOutbox;

    /// <summary>Signature name approved by the provider, e.g. 图像采集.</summary>
    public string? SignName { get; set; }

    /// <summary>Provider template id for the login code.</summary>
    public string? LoginCodeTemplateId { get; set; }

    /// <summary>Provider template id for "photo approved".</summary>
    public string? ReviewApprovedTemplateId { get; set; }

    /// <summary>Provider template id for "photo rejected".</summary>
    public string? ReviewRejectedTemplateId { get; set; }

    /// <summary>Provider template id for "photo completed".</summary>
    public string? CompletedTemplateId { get; set; }

    /// <summary>The template id for a template, and the setting's name (for error messages).</summary>
    public (string? Id, string Setting) TemplateId(SmsTemplate template) => template switch
    {
        SmsTemplate.ReviewApproved => (ReviewApprovedTemplateId, nameof(ReviewApprovedTemplateId)),
        SmsTemplate.ReviewRejected => (ReviewRejectedTemplateId, nameof(ReviewRejectedTemplateId)),
        SmsTemplate.Completed => (CompletedTemplateId, nameof(CompletedTemplateId)),
        _ => (LoginCodeTemplateId, nameof(LoginCodeTemplateId)),
    };

    /// <summary>Tencent: SecretId; Aliyun: AccessKeyId.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Tencent: SecretKey; Aliyun: AccessKeySecret.</summary>
    [Secret]
    public string? AccessKeySecret { get; set; }

    /// <summary>Tencent only: the SmsSdkAppId.</summary>
    public string? SdkAppId { get; set; }

    /// <summary>Tencent only: region, e.g. ap-guangzhou.</summary>
    public string? Region { get; set; } = "ap-guangzhou";

    /// <summary>Override of the provider endpoint (tests and private gateways); null for the public one.</summary>
    public Uri? Endpoint { get; set; }
}
