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
