using System.Diagnostics;
using System.Globalization;

namespace Photocollect.WebBench;

/// <summary>
/// CPU seconds spent by the product's process and by the bench's own (with the wrk runs it waited for), read from
/// Linux's <c>/proc/PID/stat</c>, so that each part can say how the two cores were shared: a load generator that
/// takes most of them would be measuring itself.
/// </summary>
public sealed class CpuMeter(int? productPid)
{
    /// <summary>USER_HZ: the unit of the times in /proc/stat and /proc/PID/stat (100 on Linux everywhere this runs).</summary>
    internal const double TicksPerSecond = 100;

    private readonly List<string> parts = [];

    /// <summary>Times <paramref name="part"/> and notes its CPU.</summary>
    public async Task<T> MeasureAsync<T>(string part, Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (product, bench) = (Seconds(productPid, children: false), Seconds(Environment.ProcessId, children: true));
        var started = Stopwatch.GetTimestamp();
        var result = await run();
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var productUsed = Seconds(productPid, children: false) - product;
        var benchUsed = Seconds(Environment.ProcessId, children: true) - bench;
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{part} {wall:0} s: product {productUsed:0} s ({productUsed / wall:0.00} cores), bench {benchUsed:0} s ({benchUsed / wall:0.00} cores)"));
        return result;
    }

    /// <summary>One line: each part's wall time and CPU.</summary>
    public string Summary() => "CPU (wall time: CPU seconds, cores on average; the bench's with the wrk runs): " + string.Join("; ", parts) + ".";

    /// <summary>utime + stime (+ cutime + cstime: children waited for) in seconds; 0 when unknown.</summary>
    internal static double Seconds(int? pid, bool children)
    {
        var file = $"/proc/{pid}/stat";
        if (pid is null || !File.Exists(file))
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var stat = File.ReadAllText(file);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (children)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }
}
