using System.Diagnostics;
using System.Globalization;

namespace Photocollect.WebBench;

/// <summary>
/// A thread of the bench that wakes every millisecond and notes the longest it went without running. When one of the
/// product's answers takes a second, this tells the two causes apart: the whole machine paused (the watch saw it too)
/// or the product did (the watch ran on time).
/// </summary>
public sealed class PauseWatch : IDisposable
{
    private readonly List<string> seen = [];
    private readonly Thread thread;
    private volatile bool stopped;
    private long longest;

    /// <summary>Starts watching.</summary>
    public PauseWatch()
    {
        thread = new Thread(Watch) { IsBackground = true, Name = "pause watch", Priority = ThreadPriority.Highest };
        thread.Start();
    }

    /// <summary>Forgets the pauses seen so far (a warm-up's).</summary>
    public void Restart() => Interlocked.Exchange(ref longest, 0);

    /// <summary>Notes the longest pause since the last call under <paramref name="what"/> and returns it.</summary>
    public TimeSpan Take(string what)
    {
        var pause = TimeSpan.FromTicks(Interlocked.Exchange(ref longest, 0));
        seen.Add(string.Create(CultureInfo.InvariantCulture, $"{what} {pause.TotalMilliseconds:0} ms"));
        return pause;
    }

    /// <summary>One line: the longest pause of each thing measured.</summary>
    public string Summary() =>
        "Longest pause of a bench thread that wakes every millisecond (a pause here is the machine's, not the product's): " + string.Join("; ", seen) + ".";

    /// <inheritdoc />
    public void Dispose()
    {
        stopped = true;
        thread.Join();
    }

    private void Watch()
    {
        var last = Stopwatch.GetTimestamp();
        while (!stopped)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            var gap = Stopwatch.GetElapsedTime(last, now).Ticks;
            last = now;
            if (gap > Interlocked.Read(ref longest))
            {
                Interlocked.Exchange(ref longest, gap);
            }
        }
    }
}
