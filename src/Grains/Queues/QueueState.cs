namespace Photocollect.Grains.Queues;

/// <summary>What a session's queue grain persists: every number issued, in order.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueState
{
    /// <summary>The numbers, in the order they were issued (number n at index n − 1).</summary>
    [Id(0)]
    public IReadOnlyList<QueueEntry> Entries { get; init; } = [];

    /// <summary>The number being called, or 0 before the first call.</summary>
    [Id(1)]
    public int Called { get; init; }

    /// <summary>Grows with every change: clients watching the queue compare it.</summary>
    [Id(2)]
    public long Version { get; init; }
}
