namespace Photocollect.Grains.Orders;

/// <summary>An order's state: what the order grain persists.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderState
{
    /// <summary>The order's id.</summary>
    [Id(0)]
    public Guid Id { get; init; }

    /// <summary>The order number shown to people (<see cref="OrderNumbers"/>).</summary>
    [Id(1)]
    public string Number { get; init; } = "";

    /// <summary>The student's account.</summary>
    [Id(2)]
    public Guid AccountId { get; init; }

    /// <summary>The student's collection record the order is for.</summary>
    [Id(3)]
    public Guid StudentId { get; init; }

    /// <summary>The campaign it belongs to.</summary>
    [Id(4)]
    public Guid CampaignId { get; init; }

    /// <summary>集采 or 零采.</summary>
    [Id(5)]
    public OrderKind Kind { get; init; }

    /// <summary>The price frozen when the order was made, in fen.</summary>
    [Id(6)]
    public long PriceFen { get; init; }

    /// <summary>Sets of prints (reprints; 1 otherwise).</summary>
    [Id(7)]
    public int Copies { get; init; } = 1;

    /// <summary>ISO 4217 currency of <see cref="PriceFen"/>.</summary>
    [Id(8)]
    public string Currency { get; init; } = "CNY";

    /// <summary>Current status.</summary>
    [Id(9)]
    public OrderStatus Status { get; init; } = OrderStatus.PendingPayment;

    /// <summary>The submitted photo, or null before one is submitted.</summary>
    [Id(10)]
    public Guid? PhotoId { get; init; }

    /// <summary>The payment that paid it (the provider's reference), or null.</summary>
    [Id(11)]
    public string? PaymentReference { get; init; }

    /// <summary>Code of the latest rejection reason, or null.</summary>
    [Id(12)]
    public string? RejectReason { get; init; }

    /// <summary>When it was made (UTC).</summary>
    [Id(13)]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Unpaid after this, it is closed.</summary>
    [Id(14)]
    public DateTimeOffset PayBy { get; init; }

    /// <summary>Every transition, oldest first.</summary>
    [Id(15)]
    public IReadOnlyList<OrderChange> History { get; init; } = [];

    /// <summary>The reviewer's note to the student with the latest rejection, or null.</summary>
    public string? RejectNote => History.LastOrDefault(h => h.Event == OrderEvent.Reject)?.Remark;

    /// <summary>When the status last changed to <paramref name="status"/>, or null.</summary>
    public DateTimeOffset? When(OrderStatus status) => History.LastOrDefault(h => h.To == status)?.At;
}
