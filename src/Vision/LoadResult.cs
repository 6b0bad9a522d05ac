namespace Photocollect.Vision;

/// <summary>A decoded image, or why there is none.</summary>
/// <param name="Image">The image (dispose it), or null.</param>
/// <param name="Error">Why not, or null.</param>
/// <param name="Header">What the header declared.</param>
public sealed record LoadResult(VisionImage? Image, ImageError? Error, ImageHeader Header) : IDisposable
{
    /// <inheritdoc />
    public void Dispose() => Image?.Dispose();
}
