namespace Photocollect.Vision;

/// <summary>A photo made small enough to show on a phone: decoded at a reduced size (JPEG DCT scaling, EXIF orientation
/// applied, so marks measured on the photo land where they belong) and encoded again as JPEG.</summary>
public static class PhotoPreview
{
    /// <summary>The preview's JPEG, its short side at least <paramref name="shortSide"/> (and at most twice it, or the
    /// photo's own); null when the bytes are not an image the engine reads.</summary>
    public static byte[]? Jpeg(ReadOnlySpan<byte> bytes, int shortSide = 480)
    {
        var reduce = PhotoAnalyzer.ReduceFor(ImageHeader.Read(bytes), shortSide);
        using var loaded = ImageLoader.Load(bytes, reduce: reduce);
        return loaded.Image?.ToJpeg(82);
    }
}
