using System.Globalization;

namespace Photocollect.BenchKit;

/// <summary>Percentiles (nearest rank) and how the tables print times.</summary>
public static class Stats
{
    /// <summary>The <paramref name="p"/>-th percentile of the values (nearest rank), or null when there are none.</summary>
    public static TimeSpan? Percentile(IEnumerable<TimeSpan> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Milliseconds, or a dash.</summary>
    public static string Ms(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString(v.TotalMilliseconds < 10 ? "0.0" : "#,0", CultureInfo.InvariantCulture) + " ms" : "–";

    /// <summary>p50 / p95 / p99 / max of the values in milliseconds.</summary>
    public static string Spread(IReadOnlyCollection<TimeSpan> values) =>
        $"{Ms(Percentile(values, 50))} / {Ms(Percentile(values, 95))} / {Ms(Percentile(values, 99))} / {Ms(values.Count == 0 ? null : values.Max())}";

    /// <summary>A share as a percentage.</summary>
    public static string Share(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
