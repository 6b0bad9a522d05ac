using System.Collections.Concurrent;
using Photocollect.BenchKit;

namespace Photocollect.FaultBench;

/// <summary>How many writes the clients were told succeeded, and how many of those the database holds.</summary>
public sealed record Tally(int Orders, long OrdersFound, int Payments, long PaymentsFound, int Refunds, long RefundsFound, long OrdersInDb, long PaymentsInDb, long RefundsInDb)
{
    /// <summary>Acknowledged writes the database does not have.</summary>
    public long Lost => Orders - OrdersFound + (Payments - PaymentsFound) + (Refunds - RefundsFound);
}

/// <summary>
/// The writes a client got a success answer for: an order (submit answered 200 with its id), a payment (the
/// provider's notification answered 200) and a refund (the staff form answered with its redirect).
/// </summary>
public sealed class Acknowledged
{
    private readonly ConcurrentDictionary<Guid, byte> orders = new();
    private readonly ConcurrentDictionary<Guid, byte> payments = new();
    private readonly ConcurrentDictionary<Guid, byte> refunds = new();

    /// <summary>An order was acknowledged.</summary>
    public void Order(Guid id) => orders.TryAdd(id, 0);

    /// <summary>A payment was acknowledged.</summary>
    public void Payment(Guid id) => payments.TryAdd(id, 0);

    /// <summary>A refund was acknowledged.</summary>
    public void Refund(Guid id) => refunds.TryAdd(id, 0);

    /// <summary>
    /// What is acknowledged now against the database: each acknowledged order must be a row; each acknowledged
    /// payment succeeded and applied to its order (no longer waiting for payment, not closed); each acknowledged
    /// refund succeeded. Also the database's own totals, which may be higher: a write can commit and its answer
    /// still fail.
    /// </summary>
    public async Task<Tally> CheckAsync(BenchDatabase db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Guid[] o = [.. orders.Keys], p = [.. payments.Keys], r = [.. refunds.Keys];
        return new Tally(
            o.Length,
            await db.CountAsync("""SELECT count(*) FROM "Orders" WHERE "Id" = ANY(@ids)""", o, cancellationToken),
            p.Length,
            await db.CountAsync("""
                SELECT count(*) FROM "Payments" p JOIN "Orders" o ON o."Id" = p."OrderId"
                WHERE p."Id" = ANY(@ids) AND p."State" = 'succeeded' AND o."Status" NOT IN ('PendingPayment', 'Closed')
                """, p, cancellationToken),
            r.Length,
            await db.CountAsync("""SELECT count(*) FROM "Refunds" WHERE "Id" = ANY(@ids) AND "State" = 'Succeeded'""", r, cancellationToken),
            await db.CountAsync("""SELECT count(*) FROM "Orders" """, null, cancellationToken),
            await db.CountAsync("""SELECT count(*) FROM "Payments" WHERE "State" = 'succeeded'""", null, cancellationToken),
            await db.CountAsync("""SELECT count(*) FROM "Refunds" """, null, cancellationToken));
    }
}
