using Microsoft.EntityFrameworkCore;
using Orleans.Runtime;
using Photocollect.Data;
using Photocollect.Tenancy.Data;

namespace Photocollect.Collection.Retention;

/// <summary>
/// Runs the <see cref="RetentionPurge"/> once a day. The reminder fires hourly (reminders are durable and fire for one
/// activation in the cluster, which moves to a surviving silo when its silo dies); a tick runs the purge when none ran
/// in the last 23 hours, judged by the <see cref="RetentionRun"/> rows, so a restart or a failover neither skips a
/// day nor purges twice in one.
/// </summary>
public sealed class RetentionJobGrain(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetentionJobGrain> logger) : Grain, IRetentionJobGrain, IRemindable
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "retention";

    /// <summary>Runs closer together than this are skipped.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(23);

    private const string Reminder = "retention-hourly";

    /// <inheritdoc />
    public async Task ScheduleAsync()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        }
    }

    /// <inheritdoc />
    public Task RunAsync() => PurgeAsync(force: true);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => PurgeAsync(force: false);

    private async Task PurgeAsync(bool force)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!force)
            {
                var since = clock.GetUtcNow() - Every;
                // Every school's run counts: the rows are read across schools on purpose.
                if (await db.RetentionRuns.IgnoreQueryFilters([TenantModelBuilderExtensions.FilterName]).AnyAsync(r => r.RanAt > since))
                {
                    return;
                }
            }

            await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync();
        }
        catch (Exception e)
        {
            // Logged, not thrown: the next tick tries again.
            logger.LogError(e, "Retention purge failed");
        }
    }
}
