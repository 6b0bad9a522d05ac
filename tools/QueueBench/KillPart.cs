using System.Globalization;
using System.Diagnostics;
using System.Text;
using Photocollect.BenchKit;
using static Photocollect.BenchKit.Stats;

namespace Photocollect.QueueBench;

/// <summary>
/// Part 3: fresh students scan tomorrow's session's ticket in a burst, and halfway through, the instance whose silo
/// hosts the session's queue grain (asked of the cluster just before) is killed with SIGKILL. Scans that fail are sent
/// again to the survivor, as a balancer would. Goal: no number issued twice; every student who got an answer keeps it
/// and sees it again on a rescan.
/// </summary>
public static class KillPart
{
    /// <summary>How long a student keeps trying after the first scan.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    /// <summary>The instances as the cluster knows them: web process, silo port and gateway port of A and of B.</summary>
    public sealed record Instances(IReadOnlyList<int> Pids, IReadOnlyList<int> SiloPorts, IReadOnlyList<int> GatewayPorts)
    {
        /// <summary>The instance whose silo listens on <paramref name="port"/>, or null.</summary>
        public int? OfSilo(int? port) => port is { } p && SiloPorts.ToList().IndexOf(p) is var i and >= 0 ? i : null;
    }

    /// <summary>Runs the part; its table, and whether the numbers came out right.</summary>
    public static async Task<(string Table, bool NumbersRight)> RunAsync(Bench bench, IReadOnlyList<PaidStudent> students, Guid session, TimeSpan window,
        Instances instances, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(instances);

        // The photographer opens the station before the students come: the queue grain is active from then on.
        await bench.Station.OpenAsync(session, 0, cancellationToken);
        int? host = null;
        try
        {
            host = instances.OfSilo(await Placement.SiloPortAsync(instances.GatewayPorts, bench.TenantId, session, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            bench.Say($"could not ask the cluster where the grain is ({e.GetType().Name}: {e.Message}); killing B");
        }

        var victim = host ?? 1;
        var survivor = 1 - victim;
        bench.Say($"kill: the queue grain of tomorrow's session is on {(host is null ? "an unknown silo" : Traffic.Name(victim))}; " +
            $"{students.Count} scans over {window.TotalSeconds:0.#} s, {Traffic.Name(victim)} killed at {window.TotalSeconds / 2:0.#} s");
        var ticket = await bench.Station.TicketAsync(session, survivor, cancellationToken);
        var start = bench.Traffic.Now;
        var killedAt = TimeSpan.Zero;
        IReadOnlyList<Scan> scans = [];
        var usage = await bench.Meter.MeasureAsync(async () =>
        {
            var scanning = bench.Burst.RunAsync(students, ticket, window, RetryFor, cancellationToken);
            await Task.Delay(window / 2, cancellationToken);
            killedAt = bench.Traffic.Now;
            using (var process = Process.GetProcessById(instances.Pids[victim]))
            {
                process.Kill();
                bench.Burst.Died(victim);
                await process.WaitForExitAsync(cancellationToken);
            }

            bench.Say($"kill: {Traffic.Name(victim)} killed ({(killedAt - start).TotalSeconds:0.00} s into the burst); the scans go on");
            scans = await scanning;
        }, cancellationToken);
        var answered = scans.Where(s => s.Number is not null).ToList();
        var numbers = answered.Select(s => s.Number!.Value).ToList();
        var rows = await QueueRows.ReadAsync(bench.Db, bench.TenantId, session, cancellationToken);
        var matches = answered.Count(s => rows.Holds(s.Number!.Value, s.Student.OrderId));
        var fresh = await bench.Station.TicketAsync(session, survivor, cancellationToken);
        bench.Say("kill: every student who got a number scans a fresh ticket again and reads its place, through the survivor");
        var (sameScan, samePlace, different) = await bench.RescanAsync(answered, _ => survivor, _ => survivor, fresh, cancellationToken);
        foreach (var line in different.Take(10))
        {
            bench.Say("  " + line);
        }

        int? after = null;
        try
        {
            after = instances.OfSilo(await Placement.SiloPortAsync([instances.GatewayPorts[survivor]], bench.TenantId, session, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            bench.Say($"could not ask the survivor where the grain is now ({e.GetType().Name}: {e.Message})");
        }

        var before = scans.Where(s => s.Sent < killedAt).ToList();
        var retried = answered.Where(s => s.Errors.Count > 0).ToList();
        var failures = scans.SelectMany(s => s.Errors).GroupBy(e => $"{Traffic.Name(e.Instance)}: {e.Error}").OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} × {g.Key}").ToList();
        var lastFailure = scans.Where(s => s.Errors.Count > 0).Select(s => (s.Answered ?? bench.Traffic.Now) - killedAt).DefaultIfEmpty().Max();
        var twice = numbers.Count - numbers.Distinct().Count() + rows.NumbersTwice + rows.OrdersTwice;
        var right = twice == 0 && rows.Consecutive && matches == answered.Count && sameScan == answered.Count && samePlace == answered.Count;
        var table = new StringBuilder()
            .AppendLine("| what | figure |")
            .AppendLine("| --- | --- |")
            .AppendLine(CultureInfo.InvariantCulture, $"| the session's queue grain before the kill (asked of the cluster) | {(host is null ? "unknown (B killed)" : $"on {Traffic.Name(victim)} (silo port {instances.SiloPorts[victim]})")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| scans | {students.Count} over {window.TotalSeconds:0.#} s, half through A, half through B; {before.Count} sent before the kill |")
            .AppendLine(CultureInfo.InvariantCulture, $"| killed | {Traffic.Name(victim)} (kill -9) {(killedAt - start).TotalSeconds:0.00} s into the burst; failed scans sent again to {Traffic.Name(survivor)} after {Burst.RetryPause.TotalMilliseconds:0} ms |")
            .AppendLine(CultureInfo.InvariantCulture, $"| answered with a number | {answered.Count} of {students.Count} ({answered.Count - retried.Count} at the first try, {retried.Count} after failed tries) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| failed tries | {(failures.Count == 0 ? "0" : string.Join("; ", failures))} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| scan to number, p50 / p95 / p99 / max (retries included) | {Spread([.. answered.Select(s => s.Latency!.Value)])} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| CPU from the burst's start to its last answer, cores | {usage.Line(bench.Meter.Names)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| last answer of a retried scan, after the kill | {(retried.Count == 0 ? "–" : $"{lastFailure.TotalSeconds:0.00} s")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| queue in the database (GrainStates) | {rows.Entries.Count} numbers, {(rows.Consecutive ? "consecutive from 1" : "NOT consecutive")}; {rows.NumbersTwice} numbers twice, {rows.OrdersTwice} orders with two numbers |")
            .AppendLine(CultureInfo.InvariantCulture, $"| answered numbers | {numbers.Distinct().Count()} distinct of {numbers.Count}; {matches} are the stored entry of the student's order |")
            .AppendLine(CultureInfo.InvariantCulture, $"| rescan (fresh ticket, survivor) answers the same number | {sameScan} of {answered.Count} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| `GET /offline/queue` (survivor) shows the same number | {samePlace} of {answered.Count} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| the grain after the kill | {(after is { } a ? $"on {Traffic.Name(a)}" : "unknown")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| goal: no number issued twice; each answered student keeps the number and sees it on rescan | {(right ? "met" : "NOT met")} |");
        return (table.ToString(), right);
    }
}
