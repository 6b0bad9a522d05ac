namespace Photocollect.Grains.Queues;

/// <summary>One number of a session's queue.</summary>
[GenerateSerializer, Immutable]
public sealed record QueueEntry
{
    /// <summary>The number (1, 2, 3… within the session, never reused).</summary>
    [Id(0)]
    public int Number { get; init; }

    /// <summary>The paid order the number was issued for.</summary>
    [Id(1)]
    public Guid OrderId { get; init; }

    /// <summary>The student's account.</summary>
    [Id(2)]
    public Guid AccountId { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(3)]
    public QueueEntryStatus Status { get; init; }

    /// <summary>When it was issued.</summary>
    [Id(4)]
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it was called, or null.</summary>
    [Id(5)]
    public DateTimeOffset? CalledAt { get; init; }
}
