using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// The school's money: every payment received and every refund with its state, and totals that add up (received −
/// refunded − refunding − refund due = net). Payments that never got paid are not money and are left out.
/// </summary>
public sealed class Ledger(AppDbContext db)
{
    /// <summary>The ledger from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), either open.</summary>
    public async Task<LedgerView> ReadAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(Paid().Where(p => (from == null || p.PaidAt >= from) && (to == null || p.PaidAt < to)), cancellationToken);

        var refunds = await db.Refunds.AsNoTracking().Where(r => (from == null || r.CreatedAt >= from) && (to == null || r.CreatedAt < to))
            .Join(db.Orders, r => r.OrderId, o => o.Id, (r, o) => new { Refund = r, o.Number })
            .Join(db.Payments, x => x.Refund.PaymentId, p => p.Id, (x, p) => new { x.Refund, x.Number, p.Provider })
            .OrderByDescending(x => x.Refund.CreatedAt)
            .Select(x => new LedgerRefund(x.Refund, x.Number, x.Provider)).ToListAsync(cancellationToken);

        // Totals over the payments of the period and the refunds of those payments, so each line adds up whatever
        // day a refund was asked for.
        var totals = rows.GroupBy(p => p.Payment.Currency).Select(g =>
        {
            var refunding = g.Sum(p => p.Payment.AmountFen - p.RefundableFen - p.RefundedFen);
            var due = g.Where(p => p.Payment.State == PaymentStates.RefundDue).Sum(p => p.RefundableFen);
            return new LedgerTotals(g.Key, g.Sum(p => p.Payment.AmountFen), g.Count(), g.Sum(p => p.RefundedFen), refunding, due);
        }).OrderBy(t => t.Currency, StringComparer.Ordinal).ToList();

        var free = await db.Orders.AsNoTracking().CountAsync(o => o.PaymentReference != null && o.PaymentReference.StartsWith("free:")
            && (from == null || o.CreatedAt >= from) && (to == null || o.CreatedAt < to), cancellationToken);
        return new LedgerView(rows, refunds, totals, free);
    }

    /// <summary>One paid payment of this school as the ledger shows it, whatever its day (the refund confirmation), or
    /// null when there is none.</summary>
    public async Task<LedgerPayment?> PaymentAsync(Guid paymentId, CancellationToken cancellationToken = default) =>
        (await RowsAsync(Paid().Where(p => p.Id == paymentId), cancellationToken)).SingleOrDefault();

    // Payments that brought money in (paid, or paid too late and due back); unpaid ones are no money.
    private IQueryable<Payment> Paid() =>
        db.Payments.AsNoTracking().Where(p => p.State == PaymentStates.Succeeded || p.State == PaymentStates.RefundDue);

    // Each payment with its order, student, what came back and what may still be refunded, newest first.
    private async Task<List<LedgerPayment>> RowsAsync(IQueryable<Payment> paid, CancellationToken cancellationToken)
    {
        var payments = await paid
            .Join(db.Orders, p => p.OrderId, o => o.Id, (p, o) => new { Payment = p, o.Number, o.Status, o.RecordId, o.Kind, o.CampaignId })
            .Join(db.StudentRecords, x => x.RecordId, r => r.Id, (x, r) => new { x.Payment, x.Number, x.Status, x.Kind, x.CampaignId, Student = r.Name + " " + r.StudentNumber })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.Payment, x.Number, x.Status, x.Kind, x.Student, Campaign = c.Kind })
            .OrderByDescending(x => x.Payment.PaidAt).ToListAsync(cancellationToken);
        var refundsOfPayments = await db.Refunds.AsNoTracking()
            .Where(r => paid.Any(p => p.Id == r.PaymentId))
            .GroupBy(r => r.PaymentId)
            .Select(g => new
            {
                PaymentId = g.Key,
                Refunded = g.Where(r => r.State == RefundState.Succeeded).Sum(r => r.AmountFen),
                Taken = g.Where(r => r.State != RefundState.Failed).Sum(r => r.AmountFen),
            })
            .ToDictionaryAsync(x => x.PaymentId, cancellationToken);
        return payments.Select(x =>
        {
            var r = refundsOfPayments.GetValueOrDefault(x.Payment.Id);
            return new LedgerPayment(x.Payment, x.Number, x.Status, x.Student, r?.Refunded ?? 0, x.Payment.AmountFen - (r?.Taken ?? 0), x.Kind, x.Campaign);
        }).ToList();
    }
}
