using System.Text;
using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>The per-check confusion table over the generated corpus (docs/vision-checks.md).</summary>
public static class Confusion
{
    /// <summary>Runs the check on every sample: which checks failed, per sample.</summary>
    public static IReadOnlyList<(Sample Sample, IReadOnlyList<string> Failed)> Run(Corpus corpus) =>
        [.. corpus.Good().Concat(corpus.GoodVariants()).Concat(corpus.Bad()).Select(s => (s, (IReadOnlyList<string>)[.. Failures(PhotoCheck.Run(s.Jpeg))]))];

    /// <summary>The names of the checks that failed (skipped ones included: the student still has to reshoot).</summary>
    public static IEnumerable<string> Failures(CheckReport report) =>
        report.Error is { } e ? [e.Name()] : report.Checks.Where(c => !c.Pass && !c.Skipped).Select(c => c.Name);

    /// <summary>Markdown: one row per defect (and the good photos), one column per check; cells count photos that failed it.</summary>
    public static string Markdown(Corpus corpus)
    {
        var results = Run(corpus);
        var rows = results.GroupBy(r => r.Sample.Defect is null ? "good" : Kind(r.Sample.Name) + " → " + r.Sample.Defect).ToList();
        var sb = new StringBuilder();
        sb.Append("| photos | n | ").AppendJoin(" | ", PhotoCheck.Names).AppendLine(" |");
        sb.Append("| --- | --- |").Append(string.Concat(Enumerable.Repeat(" --- |", PhotoCheck.Names.Count))).AppendLine();
        foreach (var row in rows)
        {
            var n = row.Count();
            sb.Append("| ").Append(row.Key).Append(" | ").Append(n).Append(" | ");
            foreach (var check in PhotoCheck.Names)
            {
                var failed = row.Count(r => r.Failed.Contains(check));
                var expected = row.Key.EndsWith("→ " + check, StringComparison.Ordinal);
                sb.Append(expected ? $"**{failed}**" : failed == 0 ? "·" : failed.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" | ");
            }

            sb.AppendLine();
        }

        sb.AppendLine().AppendLine("| check | caught its defect | false alarms on good photos |").AppendLine("| --- | --- | --- |");
        var good = results.Where(r => r.Sample.Defect is null).ToList();
        foreach (var check in PhotoCheck.Names)
        {
            var own = results.Where(r => r.Sample.Defect == check).ToList();
            sb.Append("| ").Append(check).Append(" | ")
              .Append(own.Count == 0 ? "–" : $"{own.Count(r => r.Failed.Contains(check))}/{own.Count}").Append(" | ")
              .Append(good.Count(r => r.Failed.Contains(check))).Append('/').Append(good.Count).AppendLine(" |");
        }

        return sb.ToString();
    }

    private static string Kind(string name) => name[..name.LastIndexOf('-')];
}
