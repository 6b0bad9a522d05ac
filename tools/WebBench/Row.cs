namespace Photocollect.WebBench;

/// <summary>One line of the bench's table: what was measured, its figures (those that apply), and the goal
/// beside them with whether it was met (null when there is no goal).</summary>
/// <param name="Part">The part of the bench: ceiling, pages, API, photo step, opening hour.</param>
/// <param name="What">What was measured.</param>
public sealed record Row(string Part, string What)
{
    /// <summary>Requests a second (wrk's runs).</summary>
    public double? Rate { get; init; }

    /// <summary>The rate as a percentage of the ceiling's.</summary>
    public double? OfCeiling { get; init; }

    /// <summary>Median latency.</summary>
    public TimeSpan? P50 { get; init; }

    /// <summary>99th percentile latency.</summary>
    public TimeSpan? P99 { get; init; }

    /// <summary>The slowest.</summary>
    public TimeSpan? Max { get; init; }

    /// <summary>How many were measured (requests, uploads, steps, students).</summary>
    public long? Count { get; init; }

    /// <summary>Non-2xx answers and errors, with the most frequent reasons.</summary>
    public string Errors { get; init; } = "0";

    /// <summary>The goal, or a dash.</summary>
    public string Goal { get; init; } = "–";

    /// <summary>Whether the goal was met; null when there is none.</summary>
    public bool? Met { get; init; }
}
