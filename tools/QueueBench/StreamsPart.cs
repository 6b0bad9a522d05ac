using System.Globalization;
using System.Text;
using Photocollect.BenchKit;
using static Photocollect.BenchKit.Stats;

namespace Photocollect.QueueBench;

/// <summary>
/// Part 2: every student with a number keeps its queue page open (one event stream each, on its home instance); the
/// station calls the next number a few times, and each stream's delay is timed from the call's form being sent to the
/// first event showing the new number as called. Goal: 95 % within 1 s. The instances' and PostgreSQL's CPU is
/// measured with no streams, with the streams open and no calls, and during the calls.
/// </summary>
public static class StreamsPart
{
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);

    /// <summary>Runs the part; its two tables (delivery, CPU).</summary>
    public static async Task<string> RunAsync(Bench bench, IReadOnlyList<PaidStudent> students, Guid session, int calls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(students);
        var windows = new List<(string Name, Usage Usage)>();
        async Task MeasureAsync(string name, Func<Task> during) => windows.Add((name, await bench.Meter.MeasureAsync(during, cancellationToken)));

        bench.Say($"streams: CPU for {Window.TotalSeconds:0} s with none open");
        await MeasureAsync("no streams, no calls", () => Task.Delay(Window, cancellationToken));

        using var streams = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var close = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchers = students.Select(s => new Watcher(s, bench.Traffic, bench.School)).ToList();
        var opening = bench.Traffic.Now;
        var reading = watchers.Select(w => Task.Run(() => w.RunAsync(streams, close.Token), cancellationToken)).ToList();
        bench.Say($"streams: opening {watchers.Count} ({watchers.Count(w => w.Student.Home == 0)} on A, {watchers.Count(w => w.Student.Home == 1)} on B)");
        await UntilAsync(bench, () => watchers.All(w => w.Opened is not null || w.Error is not null), TimeSpan.FromSeconds(60), cancellationToken);
        var opened = watchers.Where(w => w.Opened is not null).ToList();
        var allOpen = opened.Count == 0 ? TimeSpan.Zero : opened.Max(w => w.Opened!.Value) - opening;
        bench.Say($"streams: {opened.Count} open in {allOpen.TotalSeconds:0.0} s; CPU for {Window.TotalSeconds:0} s with no calls");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await MeasureAsync($"{opened.Count} streams open, no calls", () => Task.Delay(Window, cancellationToken));

        var rows = new List<(int Call, int Instance, TimeSpan Post, List<TimeSpan> Delays, int Missed)>();
        var calling = bench.Traffic.Now;
        await MeasureAsync($"{opened.Count} streams open, {calls} calls", async () =>
        {
            for (var call = 1; call <= calls; call++)
            {
                var instance = (call - 1) % 2;
                var (sent, done, called) = await bench.Station.CallAsync(bench.Traffic, session, instance, cancellationToken);
                await UntilAsync(bench, () => opened.All(w => w.LastCalled >= called || w.Error is not null), sent + GiveUp - bench.Traffic.Now, cancellationToken);
                var delays = opened.Select(w => w.SawCalled(called) - sent).OfType<TimeSpan>().ToList();
                rows.Add((call, instance, done - sent, delays, opened.Count - delays.Count));
                bench.Say($"call {call} (number {called}, through {Traffic.Name(instance)}): {delays.Count(d => d <= Goal)} of {opened.Count} within 1 s");
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        });
        var callsTook = bench.Traffic.Now - calling;
        await close.CancelAsync();
        await Task.WhenAll(reading);

        var all = rows.SelectMany(r => r.Delays).ToList();
        var reached = rows.Sum(r => r.Delays.Count(d => d <= Goal));
        var expected = rows.Count * opened.Count;
        var failed = watchers.Where(w => w.Error is not null).GroupBy(w => w.Error).Select(g => $"{g.Count()} × {g.Key}").ToList();
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{watchers.Count} streams asked for, {opened.Count} open (first event) within {allOpen.TotalSeconds:0.0} s of the first being asked for; {(failed.Count == 0 ? "none failed" : "failed or ended: " + string.Join("; ", failed))}.")
            .AppendLine()
            .AppendLine("| call | station form through | its POST answered in | streams reached within 1 s | delay p50 / p95 / p99 / max | not reached in 5 s |")
            .AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (call, instance, post, delays, missed) in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {call} | {Traffic.Name(instance)} | {Ms(post)} | {delays.Count(d => d <= Goal)} of {opened.Count} ({Share(delays.Count(d => d <= Goal), opened.Count)}) | {Spread(delays)} | {missed} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"| all | | | {reached} of {expected} ({Share(reached, expected)}) | {Spread(all)} | {rows.Sum(r => r.Missed)} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Goal, a call reaches 95 % of the open streams within 1 s: {(expected > 0 && reached >= 0.95 * expected ? "met" : "NOT met")} (delays timed from the call's form being sent; {rows.Count} calls over {callsTook.TotalSeconds:0.0} s).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"| CPU, cores ({Environment.ProcessorCount} on this machine) | {string.Join(" | ", bench.Meter.Names)} | PostgreSQL (postmaster and backends) | whole machine | database transactions/s | connections open at the end | connections refused (too many clients) | processes started/s (machine) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| --- |{string.Concat(bench.Meter.Names.Select(_ => " --- |"))} --- | --- | --- | --- | --- | --- |");
        foreach (var (name, usage) in windows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {name} ({usage.Took.TotalSeconds:0.0} s) | {string.Join(" | ", usage.Cores.Select(Usage.F))} | {Usage.F(usage.Postgres)} | {Usage.F(usage.Machine)} | {usage.TransactionsPerSecond:#,0} | {usage.Connections} | {usage.Refused} | {usage.ForksPerSecond:#,0} |");
        }

        return table.ToString();
    }

    private static async Task UntilAsync(Bench bench, Func<bool> done, TimeSpan within, CancellationToken cancellationToken)
    {
        var until = bench.Traffic.Now + within;
        while (!done() && bench.Traffic.Now < until)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
