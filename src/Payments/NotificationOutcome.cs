using Microsoft.EntityFrameworkCore;

namespace Photocollect.Payments;

/// <summary>How handling a notification ended.</summary>
public enum NotificationOutcome
{
    /// <summary>Applied now.</summary>
    Applied,

    /// <summary>Already applied before (a repeated notification).</summary>
    Duplicate,

    /// <summary>Refused: bad signature, unknown payment, amount mismatch.</summary>
    Refused,

    /// <summary>Paid, but the order could not take it (closed meanwhile): the payment is marked for refund.</summary>
    RefundDue,

    /// <summary>Genuine, but about nothing this product follows (another event type): acknowledged and dropped.</summary>
    Ignored,
}
