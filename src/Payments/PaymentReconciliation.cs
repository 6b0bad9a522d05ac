using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// Catches what notifications missed, school by school: asks the provider about pending payments, refunds money that
/// cannot be kept (paid after the order closed, paid twice, or paid for an order not collected by the end of the
/// school's window, seed 001), sends pending refunds again with the same refund number and asks about refunds still
/// processing. Every step is idempotent, so a round cut short is finished by the next.
/// </summary>
public sealed class PaymentReconciliation(AppDbContext db, TenantContext tenant, PaymentService payments, RefundService refunds, PaymentProviders providers,
    IOptions<PaymentOptions> options, JobLog jobLog, TimeProvider clock, ILogger<PaymentReconciliation> logger)
{
    /// <summary>Reason of the refund of a payment that arrived after its order closed.</summary>
    public const string PaidAfterClosing = "订单关闭后到账，自动退款";

    /// <summary>Reason of the refund of a second payment of one order.</summary>
    public const string PaidTwice = "重复支付，自动退款";

    /// <summary>Reason of the refund of an order not collected by the end of the school's window.</summary>
    public const string NotCollected = "采集期结束未完成采集，自动退款";

    /// <summary>Who automatic refunds are requested by.</summary>
    public const string System = "system";

    private const int Batch = 200;

    /// <summary>One round over every school.</summary>
    public async Task<ReconciliationReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var report = ReconciliationReport.None;
        foreach (var school in await db.Schools.AsNoTracking().ToListAsync(cancellationToken))
        {
            using var _ = tenant.EnterTenant(school);
            var schoolUrl = options.Value.PublicUrl is { Length: > 0 } url ? $"{url.TrimEnd('/')}/s/{school.Slug}" : null;
            report += await QueryPendingPaymentsAsync(cancellationToken)
                + await RefundWhatCannotBeKeptAsync(schoolUrl, cancellationToken)
                + await FollowRefundsAsync(schoolUrl, cancellationToken);
        }

        if (report != ReconciliationReport.None)
        {
            logger.LogInformation("Payment reconciliation: {Report}", report);
        }

        return report;
    }

    private async Task<ReconciliationReport> QueryPendingPaymentsAsync(CancellationToken cancellationToken)
    {
        // The Sandbox keeps no state to ask about.
        var before = clock.GetUtcNow() - options.Value.QueryAfter;
        var sandbox = PaymentProviders.NameOf(PaymentProviderKind.Sandbox);
        var pending = await db.Payments.AsNoTracking()
            .Where(p => p.State == PaymentStates.Pending && p.Provider != sandbox && p.CreatedAt <= before)
            .OrderBy(p => p.CreatedAt).Take(Batch).ToListAsync(cancellationToken);
        var applied = 0;
        foreach (var payment in pending)
        {
            try
            {
                var provider = await providers.ForAsync(PaymentProviders.KindOf(payment), cancellationToken);
                var remote = await provider.QueryAsync(payment, cancellationToken);
                if (remote.State is RemoteState.Succeeded or RemoteState.Closed or RemoteState.Failed
                    && await payments.ApplyAsync(remote, cancellationToken) is NotificationOutcome.Applied or NotificationOutcome.RefundDue)
                {
                    applied++;
                }
            }
            catch (PaymentProviderException e)
            {
                logger.LogWarning("Query of payment {PaymentId} at {Provider} failed: {Reason}", payment.Id, payment.Provider, e.Message);
                await jobLog.RecordProviderErrorAsync(payment.Provider, ProviderOperations.QueryPayment, payment.Id.ToString(), e.Message, cancellationToken);
            }
        }

        return new(applied, 0, 0);
    }

    private async Task<ReconciliationReport> RefundWhatCannotBeKeptAsync(string? schoolUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A payment whose automatic refund the provider refused is left to the school (the ledger shows it).
        var payments = db.Payments.AsNoTracking()
            .Where(p => !db.Refunds.Any(r => r.PaymentId == p.Id && r.State == RefundState.Failed && r.RequestedBy == System));
        var due = await payments
            .Where(p => p.State == PaymentStates.RefundDue)
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { p.Id, Reason = o.Status == OrderStatus.Closed ? PaidAfterClosing : PaidTwice })
            .OrderBy(x => x.Id).Take(Batch).ToListAsync(cancellationToken);

        // Seed 001: orders not collected by the end of the school's window are cancelled and refunded.
        var uncollected = await payments
            .Where(p => p.State == PaymentStates.Succeeded)
            .Join(db.Orders.Where(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Rejected), p => p.OrderId, o => o.Id, (p, o) => new { p.Id, o.CampaignId })
            .Join(db.Campaigns.Where(c => c.EndsAt <= now), x => x.CampaignId, c => c.Id, (x, c) => new { x.Id, Reason = NotCollected })
            .OrderBy(x => x.Id).Take(Batch).ToListAsync(cancellationToken);

        var started = 0;
        foreach (var payment in due.Concat(uncollected))
        {
            var left = await refunds.RefundableAsync(payment.Id, cancellationToken);
            if (left > 0 && (await refunds.RefundAsync(payment.Id, left, payment.Reason, System, schoolUrl, cancellationToken: cancellationToken)).Refund is not null)
            {
                started++;
            }
        }

        return new(0, started, 0);
    }

    private async Task<ReconciliationReport> FollowRefundsAsync(string? schoolUrl, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.QueryAfter;
        var open = await db.Refunds.AsNoTracking()
            .Where(r => (r.State == RefundState.Pending || r.State == RefundState.Processing) && r.CreatedAt <= before)
            .Join(db.Payments, r => r.PaymentId, p => p.Id, (r, p) => new { Refund = r, Payment = p })
            .OrderBy(x => x.Refund.CreatedAt).Take(Batch).ToListAsync(cancellationToken);
        var updated = 0;
        foreach (var (refund, payment) in open.Select(x => (x.Refund, x.Payment)))
        {
            if (refund.State == RefundState.Pending)
            {
                // Never answered: sent again under the same refund number, which the provider does not refund twice.
                await refunds.SendAsync(refund, payment, schoolUrl, cancellationToken);
                updated++;
                continue;
            }

            try
            {
                var provider = await providers.ForAsync(PaymentProviders.KindOf(payment), cancellationToken);
                if (await refunds.ApplyAsync(await provider.QueryRefundAsync(refund, payment, cancellationToken), cancellationToken) == NotificationOutcome.Applied)
                {
                    updated++;
                }
            }
            catch (PaymentProviderException e)
            {
                logger.LogWarning("Query of refund {RefundId} at {Provider} failed: {Reason}", refund.Id, payment.Provider, e.Message);
                await jobLog.RecordProviderErrorAsync(payment.Provider, ProviderOperations.QueryRefund, refund.Id.ToString(), e.Message, cancellationToken);
            }
        }

        return new(0, 0, updated);
    }
}
