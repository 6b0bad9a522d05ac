namespace Photocollect.Grains.Orders;

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

    /// <summary>A reviewer approves (待审核 → 待制作). Given <paramref name="photoId"/> (the photo the reviewer looked at),
    /// refused (<c>photo</c>) when the order holds another one: it was rejected and a new photo came meanwhile.</summary>
    Task<OrderResult> ApproveAsync(string reviewer, Guid? photoId = null, CancellationToken cancellationToken = default);

    /// <summary>A reviewer rejects with a reason code (待审核 → 被驳回) and an optional note to the student, kept in the
    /// history (<see cref="OrderChange.Remark"/>); a note over <see cref="OrderChange.MaxRemarkLength"/> characters is
    /// refused (<c>note</c>). <paramref name="photoId"/> as for <see cref="ApproveAsync"/>.</summary>
    Task<OrderResult> RejectAsync(string reviewer, string reason, string? note = null, Guid? photoId = null, CancellationToken cancellationToken = default);

    /// <summary>Staff start production (待制作 → 制作中).</summary>
    Task<OrderResult> StartProductionAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>Staff finish production (制作中 → 已完成).</summary>
    Task<OrderResult> CompleteAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>Closes an unpaid order (待支付 → 订单关闭).</summary>
    Task<OrderResult> CloseAsync(string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>Marks the order refunded in full.</summary>
    Task<OrderResult> RefundAsync(string actor, string reference, CancellationToken cancellationToken = default);
}
