namespace Photocollect.Payments;

/// <summary>The payments' minute, once across the cluster: one grain (key <see cref="PaymentsJobGrain.Key"/>) woken by a
/// durable one-minute reminder on whichever silo holds it.</summary>
public interface IPaymentsJobGrain : IGrainWithStringKey
{
    /// <summary>Registers the reminder (idempotent: every instance asks at start-up; the first one creates it).</summary>
    Task ScheduleAsync();

    /// <summary>Runs one round now (what the reminder does each minute).</summary>
    Task RunAsync();
}
