
namespace Photocollect.Sms;

/// <summary>The named parameters of each template (providers whose templates take named parameters use these).</summary>
public static class SmsTemplates
{
    /// <summary>Parameter names in order.</summary>
    public static IReadOnlyList<string> ParameterNames(SmsTemplate template) => template switch
    {
        SmsTemplate.LoginCode => ["code"],
        SmsTemplate.ReviewRejected => ["name", "order", "reason"],
        SmsTemplate.StaffInvite => ["school", "link"],
        _ => ["name", "order"],
    };
}
