namespace Photocollect.Data;

/// <summary>
/// One run of one step of a scheduled job (the payments' minute: closing unpaid orders, refunding on-site orders never
/// photographed, reconciliation) and how it ended, so the operator's console shows failing jobs without the logs.
/// Platform-wide: a step runs over every school. Kept 30 days (<see cref="JobLog"/> prunes).
/// </summary>
public sealed class JobRun
{
    /// <summary>Key, in the order the runs ended.</summary>
    public long Id { get; set; }

    /// <summary>Which step, one of the job's stable names (e.g. <c>payments.reconcile</c>).</summary>
    public required string Job { get; set; }

    /// <summary>When it started (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it ended (UTC).</summary>
    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>True when it ran to the end.</summary>
    public bool Succeeded { get; set; }

    /// <summary>The exception's type and message when it did not.</summary>
    public string? Error { get; set; }
}
