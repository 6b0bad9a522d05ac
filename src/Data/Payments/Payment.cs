using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A payment attempt for an order through the school's provider.</summary>
public sealed class Payment : ITenantOwned
{
    /// <summary>Key; also the merchant order id sent to the provider.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>Provider name, e.g. <c>sandbox</c>.</summary>
    public required string Provider { get; set; }

    /// <summary>Amount in fen.</summary>
    public long AmountFen { get; set; }

    /// <summary>Currency.</summary>
    public string Currency { get; set; } = "CNY";

    /// <summary><c>pending</c>, <c>succeeded</c>, <c>cancelled</c>, <c>failed</c>.</summary>
    public string State { get; set; } = PaymentStates.Pending;

    /// <summary>The provider's transaction id once paid.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>The provider's id of the checkout it made (prepay id, Checkout Session id), or null.</summary>
    public string? ProviderCheckout { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the provider confirmed it (UTC).</summary>
    public DateTimeOffset? PaidAt { get; set; }

    /// <summary>When the provider-side order was closed (UTC), or null.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
}
