
namespace Photocollect.Sms;

/// <summary>What an SMS is for; each provider maps it to its own approved template.</summary>
public enum SmsTemplate
{
    /// <summary>Login code; parameters: code, minutes valid.</summary>
    LoginCode = 0,

    /// <summary>Photo approved; parameters: name, order number, what the photo is (毕业照片 or 新生照片).</summary>
    ReviewApproved = 1,

    /// <summary>Photo rejected; parameters: name, order number, reason, what the photo is.</summary>
    ReviewRejected = 2,

    /// <summary>Photo produced and delivered; parameters: name, order number, what the photo is.</summary>
    Completed = 3,

    /// <summary>A staff invite; parameters: school name, link.</summary>
    StaffInvite = 4,

    /// <summary>Money refunded to the student; parameters: name, order number, amount in yuan, what the photo is.</summary>
    Refunded = 5,
}
