using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>
/// Writes what the scheduled jobs did for the operator's console: each step's run (<see cref="JobRun"/>) and each
/// payment provider's failure (<see cref="ProviderError"/>), each with an INSERT of its own so nothing else pending in
/// the context is saved with it. Rows older than <see cref="Kept"/> go as new runs are written.
/// </summary>
public sealed class JobLog(AppDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>How long runs and provider errors are kept.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(30);

    /// <summary>Records one step's run; <paramref name="error"/> null when it ran to the end.</summary>
    public async Task RecordRunAsync(string job, DateTimeOffset startedAt, Exception? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = clock.GetUtcNow();
        var message = error is null ? null : Cut($"{error.GetType().Name}: {error.Message}", 1000);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobRuns" ("Job", "StartedAt", "FinishedAt", "Succeeded", "Error")
            VALUES ({job}, {startedAt}, {now}, {error is null}, {message})
            """, cancellationToken);
        var before = now - Kept;
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "JobRuns" WHERE "StartedAt" < {before}""", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "ProviderErrors" WHERE "At" < {before}""", cancellationToken);
    }

    /// <summary>Records a provider's failure at the school of the scope.</summary>
    public Task RecordProviderErrorAsync(string provider, string operation, string reference, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(message);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "ProviderErrors" ("TenantId", "Provider", "Operation", "Reference", "Message", "At")
            VALUES ({tenant.RequiredSchool.Id}, {Cut(provider, 24)}, {Cut(operation, 24)}, {Cut(reference ?? "", 64)}, {Cut(message, 500)}, {clock.GetUtcNow()})
            """, cancellationToken);
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
