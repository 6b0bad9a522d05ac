namespace Photocollect.Grains.Orders;

/// <summary>One transition in an order's history.</summary>
/// <param name="From">Status before.</param>
/// <param name="Event">What happened.</param>
/// <param name="To">Status after.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who: a user id, <c>system</c> or <c>payment</c>.</param>
/// <param name="Note">A reason or reference, or null.</param>
/// <param name="Remark">What a reviewer wrote to the student beside a rejection's maintained reason, or null (at most
/// <see cref="MaxRemarkLength"/> characters). Kept here, in the history, so each rejection keeps its own words after the
/// student has sent a new photo.</param>
[GenerateSerializer, Immutable]
public sealed record OrderChange(OrderStatus From, OrderEvent Event, OrderStatus To, DateTimeOffset At, string Actor, string? Note, string? Remark = null)
{
    /// <summary>The longest remark: the order page shows it whole, and a reviewer's note is a sentence or two.</summary>
    public const int MaxRemarkLength = 200;
}
