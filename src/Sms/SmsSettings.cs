using Photocollect.Tenancy.Settings;

namespace Photocollect.Sms;

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

    /// <summary>Provider template id for a staff invite (the school's first admin).</summary>
    public string? StaffInviteTemplateId { get; set; }

    /// <summary>Provider template id for "refunded" (money sent back to the student).</summary>
    public string? RefundedTemplateId { get; set; }

    /// <summary>The template id for a template, and the setting's name (for error messages).</summary>
    public (string? Id, string Setting) TemplateId(SmsTemplate template) => template switch
    {
        SmsTemplate.ReviewApproved => (ReviewApprovedTemplateId, nameof(ReviewApprovedTemplateId)),
        SmsTemplate.ReviewRejected => (ReviewRejectedTemplateId, nameof(ReviewRejectedTemplateId)),
        SmsTemplate.Completed => (CompletedTemplateId, nameof(CompletedTemplateId)),
        SmsTemplate.StaffInvite => (StaffInviteTemplateId, nameof(StaffInviteTemplateId)),
        SmsTemplate.Refunded => (RefundedTemplateId, nameof(RefundedTemplateId)),
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
