using System.Globalization;
using System.Text;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>The one Markdown table the bench prints at the end, and the small formats its cells share.</summary>
public static class Report
{
    /// <summary>The table.</summary>
    public static string Markdown(IEnumerable<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new StringBuilder();
        table.AppendLine("| part | what | req/s | % of ceiling | p50 | p99 | max | n | non-2xx / errors | goal | met |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Part} | {r.What} | {Rate(r.Rate)} | {Percent(r.OfCeiling)} | {Stats.Ms(r.P50)} | {Stats.Ms(r.P99)} | {Stats.Ms(r.Max)} | " +
                $"{(r.Count is { } n ? n.ToString("#,0", CultureInfo.InvariantCulture) : "–")} | {r.Errors} | {r.Goal} | {r.Met switch { true => "met", false => "**missed**", null => "–" }} |");
        }

        return table.ToString();
    }

    /// <summary>Errors as a cell: the count, then the most frequent reasons.</summary>
    public static string Errors(IEnumerable<string> errors) =>
        Errors((errors ?? throw new ArgumentNullException(nameof(errors))).GroupBy(e => e.Length > 90 ? e[..90] + "…" : e).Select(g => (g.Key, (long)g.Count())));

    /// <summary>Errors as a cell, from reasons and their counts.</summary>
    public static string Errors(IEnumerable<(string Reason, long Count)> reasons)
    {
        var all = (reasons ?? throw new ArgumentNullException(nameof(reasons))).Where(r => r.Count > 0).OrderByDescending(r => r.Count).ToList();
        if (all.Count == 0)
        {
            return "0";
        }

        var shown = all.Take(3).Select(r => $"{r.Reason.Replace('|', '/')} ×{r.Count:#,0}");
        return $"**{all.Sum(r => r.Count):#,0}** ({string.Join("; ", shown)}{(all.Count > 3 ? "; …" : "")})";
    }

    /// <summary>A line of progress on stderr (stdout carries only the table).</summary>
    public static void Progress(string line) => Console.Error.WriteLine($"[web] {DateTime.Now:HH:mm:ss} {line}");

    private static string Rate(double? rate) => rate is { } r ? r.ToString("#,0", CultureInfo.InvariantCulture) : "–";

    private static string Percent(double? share) => share is { } s ? s.ToString(s < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " %" : "–";
}
