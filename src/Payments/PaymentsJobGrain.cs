using Orleans.Runtime;

namespace Photocollect.Payments;

/// <summary>
/// The payments' minute: unpaid orders past their deadline are closed (with their provider-side orders), then a
/// reconciliation round runs. A reminder rather than a timer on every replica: reminders are stored in the database and
/// fire for one activation in the cluster, which moves to a surviving silo when its silo dies.
/// </summary>
public sealed class PaymentsJobGrain(IServiceScopeFactory scopes, ILogger<PaymentsJobGrain> logger) : Grain, IPaymentsJobGrain, IRemindable
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "payments";

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
        await StepAsync("closing unpaid orders", sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());
        await StepAsync("refunding on-site orders never photographed", sp => sp.GetRequiredService<UnshotOrders>().RefundDueAsync());
        await StepAsync("reconciliation", sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync());
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync();

    private async Task StepAsync(string name, Func<IServiceProvider, Task> step)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await step(scope.ServiceProvider);
        }
        catch (Exception e)
        {
            // Logged, not thrown: the next minute tries again.
            logger.LogError(e, "Payments round: {Step} failed", name);
        }
    }
}
