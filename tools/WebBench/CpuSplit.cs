using System.Diagnostics;
using System.Globalization;

namespace Photocollect.WebBench;

/// <summary>
/// The machine's cores at one moment, as Linux counts them (<c>/proc/stat</c> and <c>/proc/PID/stat</c>): busy and
/// idle seconds of all cores, the product's CPU seconds and the bench's (with the wrk runs it waited for). Two of them
/// say how a measured run shared the cores, including what neither the product nor the bench used (PostgreSQL, above
/// all): a page slower in one run than in the next shows whether the product got less of the machine.
/// </summary>
/// <param name="At">When (a <see cref="Stopwatch"/> timestamp).</param>
/// <param name="Busy">Busy seconds of all cores.</param>
/// <param name="Idle">Idle seconds of all cores (waiting for I/O included).</param>
/// <param name="Product">The product's CPU seconds.</param>
/// <param name="Bench">The bench's, with the children it waited for.</param>
public readonly record struct CpuSplit(long At, double Busy, double Idle, double Product, double Bench)
{
    /// <summary>Now.</summary>
    public static CpuSplit Now(int? productPid)
    {
        var (busy, idle) = (0.0, 0.0);
        if (File.Exists("/proc/stat"))
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice": the first line sums all cores.
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            busy = (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / CpuMeter.TicksPerSecond;
            idle = (ticks[3] + ticks[4]) / CpuMeter.TicksPerSecond;
        }

        return new CpuSplit(Stopwatch.GetTimestamp(), busy, idle,
            CpuMeter.Seconds(productPid, children: false), CpuMeter.Seconds(Environment.ProcessId, children: true));
    }

    /// <summary>Cores used on average since <paramref name="before"/>: the product, the bench and wrk, the rest, idle.</summary>
    public string Since(CpuSplit before)
    {
        var wall = Stopwatch.GetElapsedTime(before.At, At).TotalSeconds;
        if (wall <= 0)
        {
            return "–";
        }

        var (product, bench) = ((Product - before.Product) / wall, (Bench - before.Bench) / wall);
        var rest = Math.Max(0, ((Busy - before.Busy) / wall) - product - bench);
        return string.Create(CultureInfo.InvariantCulture,
            $"cores: product {product:0.00}, bench and wrk {bench:0.00}, the rest (PostgreSQL…) {rest:0.00}, idle {(Idle - before.Idle) / wall:0.00}");
    }
}
