namespace Photocollect.Collection.Retention;

/// <summary>The retention purge, once across the cluster: one grain (key <see cref="RetentionJobGrain.Key"/>) woken by a
/// durable hourly reminder on whichever silo holds it; the purge itself runs once a day.</summary>
public interface IRetentionJobGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder (idempotent: every instance asks at start-up; the first one creates it).</summary>
    Task ScheduleAsync();

    /// <summary>Runs the purge now, whenever it last ran.</summary>
    Task RunAsync();
}
