namespace Photocollect.Collection;

/// <summary>How much vision work runs at once, and how much may wait (<c>Photocollect:Vision</c>).</summary>
public sealed class VisionGateOptions
{
    /// <summary>Photos checked (or codes read) at once: one per core, since each runs OpenCV on one thread.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Uploads that may wait for a worker; one more is refused as busy. Eight per worker keeps the longest wait near a
    /// second (an upload's vision work takes about 100 ms on a core).
    /// </summary>
    public int QueueLength { get; set; } = 8 * Environment.ProcessorCount;

    /// <summary>
    /// The workers' nice value (0 normal, 19 lowest): below the request threads, so the pages of other students stay
    /// quick while every core checks photos; the photos still get whatever the requests leave.
    /// </summary>
    public int Nice { get; set; } = 10;

    /// <summary>The gate's name in its metrics (<see cref="VisionGate.MeterName"/>): <c>photos</c> or <c>codes</c>.</summary>
    public string Lane { get; set; } = "photos";

    /// <summary>What a refused upload is told to wait before sending again (<c>Retry-After</c>).</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
