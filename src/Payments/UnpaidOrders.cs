using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.Payments;

/// <summary>
/// Closes orders left unpaid past their deadline (订单关闭, default 30 minutes after ordering, per campaign): the
/// provider-side orders are closed first (a payment found there is applied instead), then the order grain closes
/// the order, its pending payments are cancelled, and the student may order again. Each school is entered
/// explicitly, as work outside a request must.
/// </summary>
public sealed class UnpaidOrders(AppDbContext db, TenantContext tenant, IGrainFactory grains, PaymentService payments, TimeProvider clock, ILogger<UnpaidOrders> logger)
{
    /// <summary>Closes every due order of every school; returns how many were closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken = default)
    {
        var schools = await db.Schools.AsNoTracking().ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var school in schools)
        {
            using var _ = tenant.EnterTenant(school);
            var now = clock.GetUtcNow();
            var due = await db.Orders.AsNoTracking()
                .Where(o => o.Status == OrderStatus.PendingPayment && o.PayBy <= now)
                .OrderBy(o => o.PayBy).Select(o => new { o.Id, o.AccountId, o.CampaignId, o.PayBy }).Take(1000).ToListAsync(cancellationToken);
            foreach (var order in due)
            {
                try
                {
                    if (!await payments.CloseAtProviderAsync(order.Id, order.PayBy, cancellationToken))
                    {
                        continue;  // paid after all, or the provider is to be asked again
                    }

                    var result = await grains.Order(school.Id, order.Id).CloseAsync("system", "unpaid", cancellationToken);
                    if (result.Outcome != OrderOutcome.Done)
                    {
                        continue;  // paid or closed meanwhile
                    }

                    await db.Payments.Where(p => p.OrderId == order.Id && p.State == PaymentStates.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentStates.Cancelled), cancellationToken);
                    await grains.Student(school.Id, order.AccountId, order.CampaignId).ReleaseOrderAsync(order.Id, cancellationToken);
                    closed++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One order's provider or grain failing must not hold up every other order: it is tried next round.
                    logger.LogWarning(e, "Closing unpaid order {OrderId} failed; tried again next round", order.Id);
                }
            }
        }

        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} unpaid orders", closed);
        }

        return closed;
    }
}
