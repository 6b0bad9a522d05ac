
namespace Photocollect.Sms;

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

    /// <summary>A staff invite; parameters: school name, link.</summary>
    StaffInvite = 4,
}
