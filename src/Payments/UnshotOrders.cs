using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;

namespace Photocollect.Payments;

/// <summary>
/// Window end for on-site collection (seed 001 Q4): a paid order of a campaign that photographs on site, never
/// photographed when the campaign's window closed, is refunded in full (the order then reads 已退款); the money goes
/// back the way it came within 3 working days. The refund's id is the order's, so running again finds the refund
/// already made instead of making a second one.
/// </summary>
public sealed class UnshotOrders(AppDbContext db, TenantContext tenant, RefundService refunds, IOptions<PaymentOptions> options, TimeProvider clock, ILogger<UnshotOrders> logger)
{
    /// <summary>The reason written on each refund.</summary>
    public const string Reason = "采集期结束未拍摄，自动退款";

    /// <summary>Refunds every due order of every school; returns how many refunds were asked for.</summary>
    public async Task<int> RefundDueAsync(CancellationToken cancellationToken = default)
    {
        var schools = await db.Schools.AsNoTracking().ToListAsync(cancellationToken);
        var asked = 0;
        foreach (var school in schools)
        {
            using var _ = tenant.EnterTenant(school);
            var now = clock.GetUtcNow();
            var ended = await db.Campaigns.AsNoTracking()
                .Where(c => c.EndsAt <= now && c.CaptureMode != CaptureMode.Online).Select(c => c.Id).ToListAsync(cancellationToken);
            if (ended.Count == 0)
            {
                continue;
            }

            var due = await db.Orders.AsNoTracking()
                .Where(o => ended.Contains(o.CampaignId) && o.Status == OrderStatus.Paid && o.PhotoId == null && o.Kind == OrderKind.Group)
                .Join(db.Payments.AsNoTracking().Where(p => p.State == PaymentStates.Succeeded), o => o.Id, p => p.OrderId, (o, p) => new { OrderId = o.Id, PaymentId = p.Id, p.AmountFen })
                .OrderBy(x => x.OrderId).Take(500).ToListAsync(cancellationToken);
            var schoolUrl = options.Value.PublicUrl is { Length: > 0 } url ? $"{url.TrimEnd('/')}/s/{school.Slug}" : null;
            foreach (var order in due)
            {
                try
                {
                    var result = await refunds.RefundAsync(order.PaymentId, order.AmountFen, Reason, "system", schoolUrl, order.OrderId, cancellationToken);
                    if (result.Problem is null)
                    {
                        asked++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Refunding unshot order {OrderId} failed; tried again next round", order.OrderId);
                }
            }
        }

        if (asked > 0)
        {
            logger.LogInformation("Asked for {Count} refunds of on-site orders never photographed", asked);
        }

        return asked;
    }
}
