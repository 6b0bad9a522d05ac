using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>
/// The CPU time the calling thread has used (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>): what a piece of work on a worker of
/// lowered priority costs, which its wall time is not once other threads take the cores. Elsewhere it falls back to
/// wall time.
/// </summary>
public static partial class ThreadCpuTime
{
    private const int ThreadClock = 3;  // CLOCK_THREAD_CPUTIME_ID

    /// <summary>The calling thread's CPU time so far (wall time where it cannot be read).</summary>
    public static TimeSpan Now() =>
        OperatingSystem.IsLinux() && ClockGetTime(ThreadClock, out var t) == 0
            ? TimeSpan.FromTicks((t.Seconds * TimeSpan.TicksPerSecond) + (t.Nanoseconds / 100))
            : Stopwatch.GetElapsedTime(0);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
