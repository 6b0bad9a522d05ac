namespace Photocollect.Grains.Orders;

/// <summary>The order state machine: every legal transition, in one table. Anything not listed is refused.</summary>
public static class OrderTransitions
{
    private static readonly Dictionary<(OrderStatus From, OrderEvent Event), OrderStatus> Table = new()
    {
        [(OrderStatus.PendingPayment, OrderEvent.Pay)] = OrderStatus.Paid,
        [(OrderStatus.PendingPayment, OrderEvent.Close)] = OrderStatus.Closed,
        [(OrderStatus.Paid, OrderEvent.Submit)] = OrderStatus.PendingReview,
        [(OrderStatus.Paid, OrderEvent.Queue)] = OrderStatus.PendingProduction,
        [(OrderStatus.Paid, OrderEvent.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.PendingReview, OrderEvent.Approve)] = OrderStatus.PendingProduction,
        [(OrderStatus.PendingReview, OrderEvent.Reject)] = OrderStatus.Rejected,
        [(OrderStatus.PendingReview, OrderEvent.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.Rejected, OrderEvent.Resubmit)] = OrderStatus.PendingReview,
        [(OrderStatus.Rejected, OrderEvent.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.PendingProduction, OrderEvent.StartProduction)] = OrderStatus.InProduction,
        [(OrderStatus.PendingProduction, OrderEvent.Refund)] = OrderStatus.Refunded,
        [(OrderStatus.InProduction, OrderEvent.Complete)] = OrderStatus.Completed,
    };

    /// <summary>Every legal transition.</summary>
    public static IEnumerable<(OrderStatus From, OrderEvent Event, OrderStatus To)> All =>
        Table.Select(t => (t.Key.From, t.Key.Event, t.Value));

    /// <summary>The status after <paramref name="event"/>, or false when the event is not allowed in <paramref name="from"/>.</summary>
    public static bool TryApply(OrderStatus from, OrderEvent @event, out OrderStatus to) => Table.TryGetValue((from, @event), out to);

    /// <summary>The events allowed in a status.</summary>
    public static IEnumerable<OrderEvent> Allowed(OrderStatus from) => Table.Keys.Where(k => k.From == from).Select(k => k.Event);

    /// <summary>True for a status no event leaves.</summary>
    public static bool IsFinal(OrderStatus status) => !Table.Keys.Any(k => k.From == status);
}
