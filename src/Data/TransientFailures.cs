using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Photocollect.Data;

/// <summary>
/// How the product rides out a database blip (a restart, a fail-over, a dropped connection): every EF query and
/// SaveChanges is retried by Npgsql's execution strategy, at once and then once a second, for about five seconds. A
/// restart under a second then costs a request some latency, not an error; a longer outage fails fast enough for the
/// page to say "try again" (503) instead of hanging. Work in an explicit transaction must be replayable as a whole, so
/// it goes through <see cref="InTransactionAsync{T}"/>.
/// </summary>
public static class TransientFailures
{
    /// <summary>Retries after the first attempt (delays 0, 1, 1, 1, 1, 1 s).</summary>
    public const int MaxRetries = 6;

    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction under the execution strategy: on a transient failure the whole of it
    /// runs again on a fresh transaction with nothing left tracked from the failed attempt. <paramref name="work"/>
    /// commits the transaction it is given when its outcome should stay; returning without committing rolls back.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<IDbContextTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, work),
            static async (state, ct) =>
            {
                var (db, work) = state;
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                return await work(transaction, ct);
            },
            cancellationToken);
    }
}
