using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>Payment states stored in <see cref="Payment.State"/>.</summary>
public static class PaymentStates
{
    /// <summary>Waiting for the student.</summary>
    public const string Pending = "pending";

    /// <summary>Paid and applied to its order.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>Closed or cancelled unpaid.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Paid, but the order could not take it (closed, or paid twice): the money goes back.</summary>
    public const string RefundDue = "refund_due";
}
