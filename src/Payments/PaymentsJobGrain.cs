using Orleans.Runtime;
using Photocollect.Data;
using Photocollect.Tenancy;

namespace Photocollect.Payments;

/// <summary>
/// The payments' minute: unpaid orders past their deadline are closed (with their provider-side orders), then a
/// reconciliation round runs. A reminder rather than a timer on every replica: reminders are stored in the database and
/// fire for one activation in the cluster, which moves to a surviving silo when its silo dies.
/// </summary>
public sealed class PaymentsJobGrain(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PaymentsJobGrain> logger) : Grain, IPaymentsJobGrain, IRemindable
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "payments";

    /// <summary>The step that closes unpaid orders, as <see cref="JobRun.Job"/> names it.</summary>
    public const string CloseUnpaid = "payments.close-unpaid";

    /// <summary>The step that refunds on-site orders never photographed.</summary>
    public const string RefundUnshot = "payments.refund-unshot";

    /// <summary>The reconciliation step.</summary>
    public const string Reconcile = "payments.reconcile";

    /// <summary>Every step, in the order a round runs them.</summary>
    public static IReadOnlyList<string> Steps { get; } = [CloseUnpaid, RefundUnshot, Reconcile];

    private const string Reminder = "payments-minute";

    /// <inheritdoc />
    public async Task ScheduleAsync()
    {
        if (await this.GetReminder(Reminder) is null)
        {
            await this.RegisterOrUpdateReminder(Reminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }

    /// <inheritdoc />
    public async Task RunAsync()
    {
        // Each step on its own: closing orders failing (a database hiccup) must not stop the reconciliation.
        await StepAsync(CloseUnpaid, sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());
        await StepAsync(RefundUnshot, sp => sp.GetRequiredService<UnshotOrders>().RefundDueAsync());
        await StepAsync(Reconcile, sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync());
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    private async Task StepAsync(string name, Func<IServiceProvider, Task> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        var started = clock.GetUtcNow();
        Exception? failure = null;
        try
        {
            await step(scope.ServiceProvider);
        }
        catch (Exception e)
        {
            // Logged and recorded, not thrown: the next minute tries again.
            logger.LogError(e, "Payments round: {Step} failed", name);
            failure = e;
        }

        try
        {
            // In the platform's scope: a run covers every school.
            using var _ = scope.ServiceProvider.GetRequiredService<TenantContext>().EnterPlatform();
            await scope.ServiceProvider.GetRequiredService<JobLog>().RecordRunAsync(name, started, failure);
        }
        catch (Exception e)
        {
            // The database that failed the step may fail this too; the log line above is what is left then.
            logger.LogWarning(e, "Payments round: the run of {Step} not recorded", name);
        }
    }
}
