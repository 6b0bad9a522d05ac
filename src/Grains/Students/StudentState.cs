namespace Photocollect.Grains.Students;

/// <summary>What the student grain persists.</summary>
[GenerateSerializer, Immutable]
public sealed record StudentState
{
    /// <summary>Where the student is.</summary>
    [Id(0)]
    public StudentStep Step { get; init; } = StudentStep.NeedsRecord;

    /// <summary>The registry record a collection code resolved to, waiting for verification (JSON, opaque here).</summary>
    [Id(1)]
    public string? PendingRecord { get; init; }

    /// <summary>The verified collection record, or null.</summary>
    [Id(2)]
    public Guid? RecordId { get; init; }

    /// <summary>Wrong feature code (or roster detail) entries in a row.</summary>
    [Id(3)]
    public int FailedVerifications { get; init; }

    /// <summary>Verification refused until then, after too many wrong entries.</summary>
    [Id(4)]
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>Photos checked so far.</summary>
    [Id(5)]
    public int CheckAttempts { get; init; }

    /// <summary>The latest check, or null.</summary>
    [Id(6)]
    public CheckSummary? LastCheck { get; init; }

    /// <summary>The campaign's order, once made.</summary>
    [Id(7)]
    public Guid? OrderId { get; init; }

    /// <summary>Offline: the session whose queue the student last took a number in.</summary>
    [Id(8)]
    public Guid? QueueSessionId { get; init; }
}
