namespace Photocollect.Grains.Orders;

/// <summary>What the order is for: 集采 (group, through the school's campaign), 零采 (individual) or 加洗 (reprints).</summary>
public enum OrderKind
{
    /// <summary>集采.</summary>
    Group,

    /// <summary>零采.</summary>
    Individual,

    /// <summary>加洗: more prints of a photo already approved; paid, it goes straight to production.</summary>
    Reprint,
}

/// <summary>One transition in an order's history.</summary>
/// <param name="From">Status before.</param>
/// <param name="Event">What happened.</param>
/// <param name="To">Status after.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who: a user id, <c>system</c> or <c>payment</c>.</param>
/// <param name="Note">A reason or reference, or null.</param>
public sealed record OrderChange(OrderStatus From, OrderEvent Event, OrderStatus To, DateTimeOffset At, string Actor, string? Note);

/// <summary>An order's state: what the order grain persists.</summary>
public sealed record OrderState
{
    /// <summary>The order's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The order number shown to people (<see cref="OrderNumbers"/>).</summary>
    public required string Number { get; init; }

    /// <summary>The student's account.</summary>
    public required Guid AccountId { get; init; }

    /// <summary>The student's collection record the order is for.</summary>
    public required Guid StudentId { get; init; }

    /// <summary>The campaign it belongs to.</summary>
    public required Guid CampaignId { get; init; }

    /// <summary>集采 or 零采.</summary>
    public OrderKind Kind { get; init; }

    /// <summary>The price frozen when the order was made, in fen.</summary>
    public required long PriceFen { get; init; }

    /// <summary>Sets of prints (reprints; 1 otherwise).</summary>
    public int Copies { get; init; } = 1;

    /// <summary>ISO 4217 currency of <see cref="PriceFen"/>.</summary>
    public string Currency { get; init; } = "CNY";

    /// <summary>Current status.</summary>
    public OrderStatus Status { get; init; } = OrderStatus.PendingPayment;

    /// <summary>The submitted photo, or null before one is submitted.</summary>
    public Guid? PhotoId { get; init; }

    /// <summary>The payment that paid it (the provider's reference), or null.</summary>
    public string? PaymentReference { get; init; }

    /// <summary>Code of the latest rejection reason, or null.</summary>
    public string? RejectReason { get; init; }

    /// <summary>When it was made (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Unpaid after this, it is closed.</summary>
    public required DateTimeOffset PayBy { get; init; }

    /// <summary>Every transition, oldest first.</summary>
    public IReadOnlyList<OrderChange> History { get; init; } = [];

    /// <summary>When the status last changed to <paramref name="status"/>, or null.</summary>
    public DateTimeOffset? When(OrderStatus status) => History.LastOrDefault(h => h.To == status)?.At;
}
