namespace Photocollect.Grains.Orders;

/// <summary>An order's status (seed 000); the Chinese names are the product's labels.</summary>
[GenerateSerializer]
public enum OrderStatus
{
    /// <summary>待支付: created, not paid.</summary>
    PendingPayment,

    /// <summary>已支付: paid, no photo submitted yet (offline orders wait here for the shoot).</summary>
    Paid,

    /// <summary>待审核: paid and the photo is waiting for a reviewer.</summary>
    PendingReview,

    /// <summary>被驳回: the reviewer rejected the photo; the student reshoots without paying again.</summary>
    Rejected,

    /// <summary>待制作: approved, waiting for production.</summary>
    PendingProduction,

    /// <summary>制作中: in production.</summary>
    InProduction,

    /// <summary>已完成: delivered.</summary>
    Completed,

    /// <summary>订单关闭: closed unpaid (timed out or cancelled).</summary>
    Closed,

    /// <summary>已退款: the payment was refunded.</summary>
    Refunded,
}

/// <summary>What happens to an order.</summary>
[GenerateSerializer]
public enum OrderEvent
{
    /// <summary>The payment was confirmed.</summary>
    Pay,

    /// <summary>A photo was submitted for review (after payment).</summary>
    Submit,

    /// <summary>A paid reprint (加洗) goes straight to production: its photo was approved on the original order.</summary>
    Queue,

    /// <summary>A reviewer approved the photo.</summary>
    Approve,

    /// <summary>A reviewer rejected the photo.</summary>
    Reject,

    /// <summary>The student submitted a new photo after a rejection (修改照片).</summary>
    Resubmit,

    /// <summary>Staff started production.</summary>
    StartProduction,

    /// <summary>Staff finished production.</summary>
    Complete,

    /// <summary>The unpaid order was closed (deadline passed or cancelled).</summary>
    Close,

    /// <summary>The payment was refunded in full.</summary>
    Refund,
}

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
