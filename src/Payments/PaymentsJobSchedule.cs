namespace Photocollect.Payments;

/// <summary>At start-up, after the silo joined: makes sure the payments' reminder exists.</summary>
public sealed class PaymentsJobSchedule(IGrainFactory grains) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IPaymentsJobGrain>(PaymentsJobGrain.Key).ScheduleAsync();

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
