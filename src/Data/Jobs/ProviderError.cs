using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A payment provider's failure met by a job (a query of a payment or refund, closing an order at the provider, a
/// refund call): which school, which provider, what was asked about what, and the reason. The job goes on and tries
/// again next round; this row lets the operator see a school whose provider keeps failing. Kept 30 days.
/// </summary>
public sealed class ProviderError : ITenantOwned
{
    /// <summary>Key, in the order they happened.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The provider's name as payments store it (<c>sandbox</c>, <c>wechatpay</c>, <c>stripe</c>).</summary>
    public required string Provider { get; set; }

    /// <summary>What was asked: <see cref="ProviderOperations"/>.</summary>
    public required string Operation { get; set; }

    /// <summary>The payment, refund or order it was about.</summary>
    public string Reference { get; set; } = "";

    /// <summary>The reason, as the adapter words it.</summary>
    public required string Message { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
