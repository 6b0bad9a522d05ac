namespace Photocollect.Grains.Orders;

/// <summary>One transition in an order's history.</summary>
/// <param name="From">Status before.</param>
/// <param name="Event">What happened.</param>
/// <param name="To">Status after.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who: a user id, <c>system</c> or <c>payment</c>.</param>
/// <param name="Note">A reason or reference, or null.</param>
[GenerateSerializer, Immutable]
public sealed record OrderChange(OrderStatus From, OrderEvent Event, OrderStatus To, DateTimeOffset At, string Actor, string? Note);
