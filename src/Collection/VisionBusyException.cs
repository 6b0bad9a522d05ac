namespace Photocollect.Collection;

/// <summary>The vision queue is full: nothing was done with the upload, and it can be sent again after <see cref="RetryAfter"/>.</summary>
public sealed class VisionBusyException(TimeSpan retryAfter) : Exception("Every vision worker is busy and the queue is full.")
{
    /// <summary>How long to wait before sending again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
