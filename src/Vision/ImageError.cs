namespace Photocollect.Vision;

/// <summary>Why bytes are not a usable image; the names are the command line's <c>error</c> values.</summary>
public enum ImageError
{
    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>A JPEG or PNG that does not decode (truncated, damaged).</summary>
    Corrupt,

    /// <summary>Not JPEG or PNG (HEIC, WebP, GIF, BMP, TIFF, anything else).</summary>
    UnsupportedFormat,

    /// <summary>More bytes or pixels than allowed: refused before decoding.</summary>
    TooLarge,
}
