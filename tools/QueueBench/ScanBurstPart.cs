using System.Globalization;
using System.Text;
using Photocollect.BenchKit;
using static Photocollect.BenchKit.Stats;

namespace Photocollect.QueueBench;

/// <summary>
/// Part 1: every student scans the same fresh ticket of today's session once, spread evenly over the window, half
/// through A and half through B. Goal: distinct consecutive numbers 1…N, p99 ≤ 200 ms; a rescan answers the same.
/// </summary>
public static class ScanBurstPart
{
    private static readonly TimeSpan Goal = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the burst; its table, and whether the numbers came out right.</summary>
    public static async Task<(string Table, bool NumbersRight)> RunAsync(Bench bench, IReadOnlyList<PaidStudent> students, Guid session, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(students);
        var ticket = await bench.Station.TicketAsync(session, 0, cancellationToken);
        bench.Say($"burst: {students.Count} scans of one ticket, one every {window.TotalMilliseconds / students.Count:0.#} ms, half through A, half through B");
        IReadOnlyList<Scan> scans = [];
        var usage = await bench.Meter.MeasureAsync(async () => scans = await bench.Burst.RunAsync(students, ticket, window, TimeSpan.Zero, cancellationToken), cancellationToken);
        var answered = scans.Where(s => s.Number is not null).ToList();
        var latencies = answered.Select(s => s.Latency!.Value).ToList();
        var numbers = answered.Select(s => s.Number!.Value).Order().ToList();
        var consecutive = numbers.SequenceEqual(Enumerable.Range(1, students.Count));
        var rows = await QueueRows.ReadAsync(bench.Db, bench.TenantId, session, cancellationToken);
        var stored = rows.Entries.Count == students.Count && rows.Consecutive && rows.OrdersTwice == 0 && answered.All(s => rows.Holds(s.Number!.Value, s.Student.OrderId));

        bench.Say("rescans: every student scans a fresh ticket through the other instance and reads its place through its own");
        var fresh = await bench.Station.TicketAsync(session, 1, cancellationToken);
        var (sameScan, samePlace, different) = await bench.RescanAsync(answered, s => 1 - s.Home, s => s.Home, fresh, cancellationToken);
        foreach (var line in different.Take(10))
        {
            bench.Say("  " + line);
        }

        var p99 = Percentile(latencies, 99);
        string Of(int instance) => Spread([.. answered.Where(s => s.By == instance).Select(s => s.Latency!.Value)]);
        var fifths = Enumerable.Range(0, 5).Select(f => answered.Where(s => s.Student.Index * 5 / students.Count == f).Select(s => s.Latency!.Value).ToList())
            .Select((l, f) => $"{f * 20}–{(f + 1) * 20} %: {Ms(Percentile(l, 50))} / {Ms(Percentile(l, 99))}");
        var errors = scans.SelectMany(s => s.Errors).GroupBy(e => $"{Traffic.Name(e.Instance)}: {e.Error}").Select(g => $"{g.Count()} × {g.Key}").ToList();
        var table = new StringBuilder()
            .AppendLine("| what | figure |")
            .AppendLine("| --- | --- |")
            .AppendLine(CultureInfo.InvariantCulture, $"| scans of one ticket | {students.Count} ({students.Count(s => s.Home == 0)} through A, {students.Count(s => s.Home == 1)} through B), one every {window.TotalMilliseconds / students.Count:0.#} ms (open loop), sent over {(scans.Max(s => s.Sent) - scans.Min(s => s.Sent)).TotalSeconds:0.0} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| answered with a number | {answered.Count} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| errors | {(errors.Count == 0 ? "0" : string.Join("; ", errors))} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| latency p50 / p95 / p99 / max | {Spread(latencies)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| through A / through B (p50 / p95 / p99 / max) | {Of(0)}; {Of(1)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| by position in the burst (p50 / p99) | {string.Join("; ", fifths)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| CPU during the burst, cores | {usage.Line(bench.Meter.Names)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| numbers answered | {(consecutive ? $"1…{students.Count}, each once" : $"NOT 1…{students.Count}: {numbers.Count} answered, {numbers.Distinct().Count()} distinct, {numbers.FirstOrDefault()}…{numbers.LastOrDefault()}")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| queue in the database (GrainStates) | {rows.Entries.Count} numbers, {(rows.Consecutive ? "consecutive from 1" : "NOT consecutive")}, {rows.OrdersTwice} orders with two, {(stored ? "each the answered student's" : "NOT matching the answers")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| rescan (fresh ticket, other instance) answers the same number | {sameScan} of {answered.Count} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| `GET /offline/queue` shows the same number | {samePlace} of {answered.Count} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| goal: {students.Count} distinct consecutive numbers, p99 ≤ {Goal.TotalMilliseconds:0} ms | {(consecutive && stored && p99 <= Goal ? "met" : "NOT met")} (p99 {Ms(p99)}) |");
        return (table.ToString(), consecutive && stored && sameScan == answered.Count && samePlace == answered.Count);
    }
}
