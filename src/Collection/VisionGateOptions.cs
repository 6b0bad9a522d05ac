namespace Photocollect.Collection;

/// <summary>How much vision work runs at once, and how much may wait (<c>Photocollect:Vision</c>).</summary>
public sealed class VisionGateOptions
{
    /// <summary>Photos checked (or codes read) at once: one per core, since each runs OpenCV on one thread.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Uploads that may wait for a worker; one more waits for a place (<see cref="WaitSeconds"/>) or is refused as busy.
    /// Eight per worker keeps the longest wait near a second on an idle machine (an upload's vision work takes 100–180 ms
    /// on a core).
    /// </summary>
    public int QueueLength { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>
    /// The workers' nice value (0 normal, 19 lowest): below the request threads, so the pages of other students stay
    /// quick while every core checks photos; the photos still get whatever the requests leave.
    /// </summary>
    public int Nice { get; set; } = 10;

    /// <summary>The gate's name in its metrics (<see cref="VisionGate.MeterName"/>): <c>photos</c> or <c>codes</c>.</summary>
    public string Lane { get; set; } = "photos";

    /// <summary>
    /// How long an upload that finds the queue full waits for a place before it is refused as busy; 0 refuses at once.
    /// Waiting is cheaper than refusing: the photo has already been received, and a refused one is sent again in full.
    /// </summary>
    public int WaitSeconds { get; set; } = 5;

    /// <summary>
    /// Uploads that may wait for a place at once (each holds its bytes in memory); one more is refused at once. As
    /// many as the queue holds by default.
    /// </summary>
    public int WaitingRoom { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>What a refused upload is told to wait before sending again (<c>Retry-After</c>).</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
