namespace Photocollect.Grains.Orders;

/// <summary>What a new order is made of.</summary>
/// <param name="Number">Its order number.</param>
/// <param name="AccountId">The student's account.</param>
/// <param name="StudentId">The student's collection record.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Kind">集采 or 零采.</param>
/// <param name="PriceFen">The campaign's price now, frozen on the order.</param>
/// <param name="PhotoId">The photo submitted with it, if any.</param>
/// <param name="PayWithin">How long it may stay unpaid.</param>
/// <param name="Copies">Sets of prints (reprints).</param>
[GenerateSerializer, Immutable]
public sealed record NewOrder(string Number, Guid AccountId, Guid StudentId, Guid CampaignId, OrderKind Kind, long PriceFen, Guid? PhotoId, TimeSpan PayWithin, int Copies = 1);

/// <summary>How a call on an order ended.</summary>
[GenerateSerializer]
public enum OrderOutcome
{
    /// <summary>Done now.</summary>
    Done,

    /// <summary>Nothing to do: the same thing was already done (a repeated click or notification).</summary>
    AlreadyDone,

    /// <summary>Not allowed in the order's status, or the request does not match the order.</summary>
    Refused,

    /// <summary>No such order.</summary>
    NotFound,
}

/// <summary>The result of a call on an order.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="State">The order afterwards (null when not found).</param>
/// <param name="Refusal">Why it was refused: a stable code such as <c>status</c> or <c>amount</c>.</param>
[GenerateSerializer, Immutable]
public sealed record OrderResult(OrderOutcome Outcome, OrderState? State, string? Refusal = null)
{
    /// <summary>Done now or already done.</summary>
    public bool Succeeded => Outcome is OrderOutcome.Done or OrderOutcome.AlreadyDone;
}

/// <summary>
/// One order (key <c>{tenantId}/{orderId}</c>). Calls run one at a time on the order's single activation; every
/// change goes through the transition table (<see cref="OrderTransitions"/>) and is written at once, naming the row
/// version it read, so a write that lost a race (a second activation during a membership change) decides again.
/// </summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>The order, or null.</summary>
    Task<OrderState?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the order (待支付). Creating an existing order again is <see cref="OrderOutcome.AlreadyDone"/>.</summary>
    Task<OrderResult> CreateAsync(NewOrder order, CancellationToken cancellationToken = default);

    /// <summary>Records the payment (待支付 → 已支付, and on to 待审核 when a photo is attached, or to 待制作 for a reprint). Refused when the
    /// amount or currency differ from the order's; the same payment again is already done.</summary>
    Task<OrderResult> PayAsync(string paymentReference, long amountFen, string currency, CancellationToken cancellationToken = default);

    /// <summary>Attaches a photo: before payment it only replaces the photo; after payment it goes to review;
    /// after a rejection it goes back to review without paying again (修改照片).</summary>
    Task<OrderResult> SubmitPhotoAsync(Guid photoId, string actor, CancellationToken cancellationToken = default);

    /// <summary>A reviewer approves (待审核 → 待制作).</summary>
    Task<OrderResult> ApproveAsync(string reviewer, CancellationToken cancellationToken = default);

    /// <summary>A reviewer rejects with a reason code (待审核 → 被驳回).</summary>
    Task<OrderResult> RejectAsync(string reviewer, string reason, CancellationToken cancellationToken = default);

    /// <summary>Staff start production (待制作 → 制作中).</summary>
    Task<OrderResult> StartProductionAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>Staff finish production (制作中 → 已完成).</summary>
    Task<OrderResult> CompleteAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>Closes an unpaid order (待支付 → 订单关闭).</summary>
    Task<OrderResult> CloseAsync(string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>Marks the order refunded in full.</summary>
    Task<OrderResult> RefundAsync(string actor, string reference, CancellationToken cancellationToken = default);
}
