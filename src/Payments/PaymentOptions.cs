using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>Payment settings of the platform (<c>Photocollect:Payments</c>, and <c>Photocollect:PublicBaseUrl</c>).</summary>
public sealed class PaymentOptions
{
    /// <summary>The platform's public base URL (<c>Photocollect:PublicBaseUrl</c>, e.g. https://photocollect.cn), for
    /// notification URLs of refunds the platform starts by itself; without it those refunds are followed by queries
    /// only.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How old a pending payment or refund is before the reconciliation asks the provider about it.</summary>
    public TimeSpan QueryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
