
namespace Photocollect.Sms;

/// <summary>
/// The named parameters of each template (providers whose templates take named parameters use these). The order
/// notices end with <c>photo</c>, what the photo is (毕业照片 or 新生照片), so one approved template serves the graduation
/// and the freshman campaigns.
/// </summary>
public static class SmsTemplates
{
    /// <summary>Parameter names in order.</summary>
    public static IReadOnlyList<string> ParameterNames(SmsTemplate template) => template switch
    {
        SmsTemplate.LoginCode => ["code"],
        SmsTemplate.ReviewRejected => ["name", "order", "reason", "photo"],
        SmsTemplate.Refunded => ["name", "order", "amount", "photo"],
        SmsTemplate.StaffInvite => ["school", "link"],
        _ => ["name", "order", "photo"],
    };
}
