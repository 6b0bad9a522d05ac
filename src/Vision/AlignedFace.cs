namespace Photocollect.Vision;

/// <summary>
/// A face as the admission-photo comparison sees it: 96×112 grey levels, eyes level at fixed places, jaw 80 px wide,
/// histogram-equalised (10.5 KB). The analysis of a photo makes one from the landmarks it has already found, and an
/// admission photo's can be kept (<see cref="ToBytes"/>, <see cref="FromBytes"/>) so that comparing again needs
/// neither the photo nor another face detection.
/// </summary>
public sealed class AlignedFace
{
    /// <summary>Width in pixels.</summary>
    public const int Width = 96;

    /// <summary>Height in pixels.</summary>
    public const int Height = 112;

    /// <summary>Bytes of a kept face.</summary>
    public const int Length = Width * Height;

    private readonly byte[] pixels;

    private AlignedFace(byte[] pixels) => this.pixels = pixels;

    /// <summary>A kept face's bytes (<see cref="ToBytes"/>); throws when they are not <see cref="Length"/> long.</summary>
    public static AlignedFace FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Length
        ? new AlignedFace(bytes.ToArray())
        : throw new ArgumentException($"An aligned face is {Length} bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>The grey levels, rows packed, to keep.</summary>
    public byte[] ToBytes() => (byte[])pixels.Clone();

    internal ReadOnlySpan<byte> Pixels => pixels;
}
