using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A refund of (part of) a payment, tracked until the provider says it is final.</summary>
public sealed class Refund : ITenantOwned
{
    /// <summary>Key; also the merchant refund number sent to the provider.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The payment refunded.</summary>
    public Guid PaymentId { get; set; }

    /// <summary>Its order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>Amount, fen.</summary>
    public long AmountFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary>Why, as told to the student and the provider.</summary>
    public required string Reason { get; set; }

    /// <summary>State.</summary>
    public RefundState State { get; set; }

    /// <summary>The provider's refund id.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>Who asked: a staff user id, or <c>system</c> for automatic refunds.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it became final (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}
