using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>The native engine failed (a bug or resource exhaustion, not bad user input: that is a result).</summary>
public sealed class VisionException(string operation, int status)
    : Exception($"Vision engine: {operation} failed with status {status}.")
{
    /// <summary>The native status code.</summary>
    public int Status { get; } = status;
}
