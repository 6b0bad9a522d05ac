using Photocollect.Grains.Orders;
using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>An order: the row behind the order grain (its state is in <see cref="Grains.Orders.OrderState"/>).</summary>
public sealed class Order : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Order number, unique in the school.</summary>
    public required string Number { get; set; }

    /// <summary>The student's account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>The collection record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The campaign.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>集采, 零采 or 加洗.</summary>
    public OrderKind Kind { get; set; }

    /// <summary>Sets of prints (reprints; 1 otherwise).</summary>
    public int Copies { get; set; } = 1;

    /// <summary>Price frozen at creation, fen.</summary>
    public long PriceFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Status.</summary>
    public OrderStatus Status { get; set; }

    /// <summary>The submitted photo.</summary>
    public Guid? PhotoId { get; set; }

    /// <summary>The payment's reference.</summary>
    public string? PaymentReference { get; set; }

    /// <summary>Latest rejection reason code.</summary>
    public string? RejectReason { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Closes unpaid after this (UTC).</summary>
    public DateTimeOffset PayBy { get; set; }

    /// <summary>Last status change (UTC), for queues.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Transition history (JSON array of <see cref="OrderChange"/>).</summary>
    public string History { get; set; } = "[]";

    /// <summary>PostgreSQL's row version (xmin): the grain's ETag.</summary>
    public uint Version { get; set; }
}
