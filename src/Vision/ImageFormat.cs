using System.Buffers.Binary;

namespace Photocollect.Vision;

/// <summary>Container formats told apart by their first bytes.</summary>
public enum ImageFormat
{
    /// <summary>Not an image format we know.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF/EXIF).</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,

    /// <summary>GIF.</summary>
    Gif,

    /// <summary>WebP (RIFF container).</summary>
    WebP,

    /// <summary>HEIC/HEIF/AVIF (ISO base media ftyp box).</summary>
    Heif,

    /// <summary>Windows bitmap.</summary>
    Bmp,

    /// <summary>TIFF.</summary>
    Tiff,
}
