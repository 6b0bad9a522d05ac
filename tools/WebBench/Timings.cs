using System.Collections.Concurrent;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>The times and errors of one thing measured many times (an upload, a page, a step), gathered from many
/// tasks at once, and its row of the table.</summary>
public sealed class Timings
{
    private readonly ConcurrentQueue<TimeSpan> times = new();
    private readonly ConcurrentQueue<string> errors = new();
    private int busy;

    /// <summary>Errors so far.</summary>
    public int ErrorCount => errors.Count;

    /// <summary>A success (its time) or a failure (its error).</summary>
    public void Add((TimeSpan? Time, string? Error) one)
    {
        if (one.Time is { } t)
        {
            times.Enqueue(t);
        }
        else
        {
            errors.Enqueue(one.Error ?? "no time");
        }
    }

    /// <summary>Uploads the product answered 503 busy and the page's script sent again (not errors: the student
    /// only waited longer, and the time includes the wait).</summary>
    public void Resent(int count) => Interlocked.Add(ref busy, count);

    /// <summary>An upload: its time from the last byte, or its error; its busy answers counted.</summary>
    public void Add(UploadResult upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Resent(upload.Busy);
        Add((upload.FromLastByte, upload.Answer.Error));
    }

    /// <summary>No error, something measured, and the percentiles within the goals (a null goal is not checked).</summary>
    public bool Meets(TimeSpan? p50, TimeSpan p99) =>
        errors.IsEmpty && !times.IsEmpty && (p50 is null || Stats.Percentile(times, 50) <= p50) && Stats.Percentile(times, 99) <= p99;

    /// <summary>The row: p50, p99, max, count (successes and failures) and the errors.</summary>
    public Row Row(string part, string what) => new(part, what)
    {
        P50 = Stats.Percentile(times, 50),
        P99 = Stats.Percentile(times, 99),
        Max = times.IsEmpty ? null : times.Max(),
        Count = times.Count + errors.Count,
        Errors = Report.Errors(errors) + (busy > 0 ? $"; {busy} × 503 busy, sent again after Retry-After as the page's script does" : ""),
    };
}
