namespace Photocollect.Collection.Retention;

/// <summary>At start-up, after the silo joined: makes sure the retention purge's reminder exists.</summary>
public sealed class RetentionJobSchedule(IGrainFactory grains) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IRetentionJobGrain>(RetentionJobGrain.Key).ScheduleAsync();

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
