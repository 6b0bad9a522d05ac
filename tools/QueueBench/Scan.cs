namespace Photocollect.QueueBench;

/// <summary>One student's scan in a burst, as the student saw it.</summary>
/// <param name="Student">Who.</param>
/// <param name="Sent">When the first try went.</param>
/// <param name="Answered">When the number came back (after any retries), or null.</param>
/// <param name="Number">The number answered, or null.</param>
/// <param name="By">The instance whose answer it was.</param>
/// <param name="Errors">The failed tries, in order: instance and what went wrong.</param>
public sealed record Scan(PaidStudent Student, TimeSpan Sent, TimeSpan? Answered, int? Number, int By, IReadOnlyList<(int Instance, string Error)> Errors)
{
    /// <summary>From the first try to the answer.</summary>
    public TimeSpan? Latency => Answered - Sent;
}
