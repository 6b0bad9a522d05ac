namespace Photocollect.Grains.Orders;

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
