using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>
/// Lowers the CPU priority of the calling thread (Linux: its nice value), for threads that run long image work beside
/// a web server: when both want a core, the kernel gives most of it to the requests, so a page stays quick while photos
/// are checked, and the photos still get every cycle the requests leave.
/// </summary>
public static partial class WorkerPriority
{
    /// <summary>Sets the calling thread's nice value (0 normal, 19 lowest); false where that is not supported or allowed.</summary>
    public static bool Lower(int nice)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 19);
        return OperatingSystem.IsLinux() && SetPriority(ProcessPriority, ThreadId(), nice) == 0;
    }

    /// <summary>The calling thread's nice value, or null where it cannot be read.</summary>
    public static int? Current()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Marshal.SetLastPInvokeError(0);
        var nice = GetPriority(ProcessPriority, ThreadId());
        return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
    }

    // PRIO_PROCESS: on Linux, given a thread id, it names that one thread.
    private const int ProcessPriority = 0;

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int ThreadId();
}
