using System.Globalization;
using System.Text;
using Photocollect.BenchKit;

namespace Photocollect.FaultBench;

/// <summary>
/// One stretch of the load: the quiet baseline or a fault and the time after it.
/// </summary>
/// <param name="Name">What happened.</param>
/// <param name="Start">When the stretch began: the end of the one before; requests are counted in the stretch they were sent in.</param>
/// <param name="At">When the fault began (for the baseline: its own start).</param>
/// <param name="End">When the stretch ended: its quiet time after the fault and the closing check are over.</param>
/// <param name="Back">When the database was back (pg_ctl returned), or when the instance was killed: recovery counts from here.</param>
/// <param name="Quiet">How long the load ran on after <paramref name="Back"/>.</param>
/// <param name="Down">How long PostgreSQL did not serve, as pg_ctl took (zero when it was not touched).</param>
/// <param name="Killed">The instance killed in this stretch, if any.</param>
/// <param name="Before">Acknowledged writes against the database when the fault began.</param>
/// <param name="After">The same when the stretch ended.</param>
public sealed record Window(string Name, TimeSpan Start, TimeSpan At, TimeSpan End, TimeSpan Back, TimeSpan Quiet, TimeSpan Down, int? Killed, Tally Before, Tally After)
{
    /// <summary>Requests sent in the stretch.</summary>
    public IReadOnlyList<Sample> Of(IEnumerable<Sample> all) => [.. all.Where(s => s.Sent >= Start && s.Sent < End)];

    /// <summary>Whether a request went to the killed instance after the kill (an error by definition; not the survivor's).</summary>
    public bool ToTheDead(Sample s) => Killed == s.Instance && s.Sent >= Back;

    /// <summary>
    /// Seconds from the database's return (or the kill) to the end of the last failed request the survivors answered
    /// (or failed to): after it, every request succeeded. Zero when none failed after that moment. With
    /// <paramref name="unavailableOnly"/>, only server errors and lost connections count, not the product's refusals
    /// (a 4xx of a student left in a state the product cannot take on from).
    /// </summary>
    public string Recovery(IReadOnlyList<Sample> samples, bool unavailableOnly = false)
    {
        var failures = samples.Where(s => !s.Ok && !ToTheDead(s) && !(unavailableOnly && Traffic.IsRefusal(s.Error!))).ToList();
        if (failures.Count == 0)
        {
            return "0.0 s";
        }

        var last = failures.Max(s => s.Done);
        var seconds = Math.Max(0, (last - Back).TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture);
        return last > Back + Quiet - Student.RetryPause ? $"≥ {seconds} s (failing at the end)" : $"{seconds} s";
    }
}

/// <summary>The bench's tables, in markdown.</summary>
public static class Report
{
    /// <summary>The summary table (one row per stretch) and the errors by kind.</summary>
    public static string Markdown(IReadOnlyList<Window> windows, IReadOnlyList<Sample> all, IReadOnlyList<GaveUp> gaveUp)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(gaveUp);
        var text = new StringBuilder();
        text.AppendLine("| fault | PostgreSQL down | requests (A / B) | writes | errors (A / B) | recovery | recovery, 5xx and lost connections only | students who gave up | slowest answer | orders acked = in db, before → after | payments | refunds |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var w in windows)
        {
            var samples = w.Of(all);
            var dead = samples.Count(w.ToTheDead);
            var ok = samples.Where(s => s.Ok).ToList();
            text.Append(CultureInfo.InvariantCulture, $"| {w.Name} | {(w.Down > TimeSpan.Zero ? $"{w.Down.TotalSeconds:0.0} s" : "–")} ")
                .Append(CultureInfo.InvariantCulture, $"| {samples.Count} ({Count(samples, 0)} / {Count(samples, 1)}) | {samples.Count(s => s.Write)} ")
                .Append(CultureInfo.InvariantCulture, $"| {samples.Count(s => !s.Ok)} ({Errors(samples, 0)} / {Errors(samples, 1)}{(dead > 0 ? $", {dead} of B's sent after the kill" : "")}) ")
                .Append(CultureInfo.InvariantCulture, $"| {w.Recovery(samples)} | {w.Recovery(samples, unavailableOnly: true)} | {gaveUp.Count(g => g.At >= w.Start && g.At < w.End)} ")
                .Append(CultureInfo.InvariantCulture, $"| {(ok.Count == 0 ? "–" : $"{ok.Max(s => s.Done - s.Sent).TotalSeconds:0.00} s")} ")
                .Append(CultureInfo.InvariantCulture, $"| {Pair(w.Before.Orders, w.Before.OrdersFound)} → {Pair(w.After.Orders, w.After.OrdersFound)} ")
                .Append(CultureInfo.InvariantCulture, $"| {Pair(w.Before.Payments, w.Before.PaymentsFound)} → {Pair(w.After.Payments, w.After.PaymentsFound)} ")
                .AppendLine(CultureInfo.InvariantCulture, $"| {Pair(w.Before.Refunds, w.Before.RefundsFound)} → {Pair(w.After.Refunds, w.After.RefundsFound)} |");
        }

        text.AppendLine();
        text.AppendLine("Errors by kind (seconds from the fault: first sent – last answered; negative: sent before it, in the closing check of the stretch before):");
        text.AppendLine();
        text.AppendLine("| fault | instance | request | error | count | from – to |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var w in windows)
        {
            foreach (var kind in w.Of(all).Where(s => !s.Ok).GroupBy(s => (s.Instance, s.What, s.Error)).OrderBy(g => g.Min(s => s.Sent)))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {w.Name} | {Traffic.Name(kind.Key.Instance)} | {kind.Key.What} | {kind.Key.Error} | {kind.Count()} | {(kind.Min(s => s.Sent) - w.At).TotalSeconds:0.0} – {(kind.Max(s => s.Done) - w.At).TotalSeconds:0.0} |");
            }
        }

        if (gaveUp.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Students who gave up (the same refusal three times running, or a minute without progress):");
            text.AppendLine();
            text.AppendLine("| during | at (s from the fault) | last answer |");
            text.AppendLine("| --- | --- | --- |");
            foreach (var g in gaveUp.OrderBy(g => g.At))
            {
                var w = windows.LastOrDefault(w => g.At >= w.Start);
                text.AppendLine(CultureInfo.InvariantCulture, $"| {w?.Name ?? "warm-up"} | {(w is null ? g.At : g.At - w.At).TotalSeconds:0.0} | {Traffic.Name(g.Instance)}: {g.Why} |");
            }
        }

        return text.ToString();
    }

    private static int Count(IEnumerable<Sample> samples, int instance) => samples.Count(s => s.Instance == instance);

    private static int Errors(IEnumerable<Sample> samples, int instance) => samples.Count(s => s.Instance == instance && !s.Ok);

    private static string Pair(int acknowledged, long found) =>
        acknowledged == found ? $"{acknowledged} = {found}" : $"{acknowledged} ≠ {found} (**{acknowledged - found} lost**)";
}
