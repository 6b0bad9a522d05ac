namespace Photocollect.Vision;

/// <summary>
/// A face as the admission-photo comparison's model reads it: 224×224 RGB, rows packed, cut by a similarity transform
/// that puts the eye centres, the nose tip and the mouth corners (from the 68 landmarks) on the usual five-point
/// template of face-recognition models. The analysis of a photo makes one from the landmarks it has already found.
/// </summary>
public sealed class AlignedFace
{
    /// <summary>Width and height in pixels.</summary>
    public const int Size = 224;

    /// <summary>Bytes of a face (three per pixel, red first).</summary>
    public const int Length = Size * Size * 3;

    private readonly byte[] pixels;

    private AlignedFace(byte[] pixels) => this.pixels = pixels;

    /// <summary>A face's bytes (<see cref="ToBytes"/>); throws when they are not <see cref="Length"/> long.</summary>
    public static AlignedFace FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length == Length
        ? new AlignedFace(bytes.ToArray())
        : throw new ArgumentException($"An aligned face is {Length} bytes, not {bytes.Length}.", nameof(bytes));

    /// <summary>The RGB bytes, rows packed.</summary>
    public byte[] ToBytes() => (byte[])pixels.Clone();

    internal ReadOnlySpan<byte> Pixels => pixels;
}
