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
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UnpaidOrders>().CloseDueAsync();
        await scope.ServiceProvider.GetRequiredService<PaymentReconciliation>().RunAsync();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next minute tries again; a failure must not unregister the reminder.
            logger.LogError(e, "Payments round failed");
        }
    }
}
