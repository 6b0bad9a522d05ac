namespace Photocollect.Vision;

/// <summary>Turns untrusted bytes into an image: format and size are checked from the header before any decoder runs.</summary>
public static class ImageLoader
{
    /// <summary>Decodes JPEG or PNG (EXIF orientation applied). <paramref name="reduce"/>: 1, 2, 4 or 8 (JPEG DCT scaling).</summary>
    public static unsafe LoadResult Load(ReadOnlySpan<byte> bytes, ImageLimits? limits = null, int reduce = 1)
    {
        limits ??= new ImageLimits();
        if (bytes.IsEmpty)
        {
            return new(null, ImageError.Empty, default);
        }

        var header = ImageHeader.Read(bytes);
        if (header.Format is not (ImageFormat.Jpeg or ImageFormat.Png))
        {
            return new(null, ImageError.UnsupportedFormat, header);
        }

        var maxPixels = header.Format == ImageFormat.Png ? limits.MaxPngPixels : limits.MaxPixels;
        if (bytes.Length > limits.MaxBytes || header.Pixels > maxPixels
            || header.Width > limits.MaxSide || header.Height > limits.MaxSide)
        {
            return new(null, ImageError.TooLarge, header);
        }

        if (header.Pixels is null or 0)
        {
            // The header never reached a frame: truncated or damaged before the size.
            return new(null, ImageError.Corrupt, header);
        }

        if (header.Format == ImageFormat.Jpeg && !HasEndAfterScan(bytes))
        {
            // libjpeg decodes a cut-off file without complaint and fills the rest with grey: refuse it here.
            return new(null, ImageError.Corrupt, header);
        }

        int status;
        nint handle;
        fixed (byte* p = bytes)
        {
            status = Native.ImageDecode(p, bytes.Length, reduce, maxPixels, out handle);
        }

        return status switch
        {
            Native.Ok => new(VisionImage.Own(handle), null, header),
            Native.ErrDecode => new(null, ImageError.Corrupt, header),
            Native.ErrTooLarge => new(null, ImageError.TooLarge, header),
            _ => throw new VisionException("decode", status),
        };
    }

    // Whether an end-of-image marker follows the first start-of-scan (an EXIF thumbnail's own end marker sits before it).
    private static bool HasEndAfterScan(ReadOnlySpan<byte> bytes)
    {
        var i = 2;
        while (i + 4 <= bytes.Length && bytes[i] == 0xFF)
        {
            var marker = bytes[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            if (marker == 0xDA)
            {
                return bytes[i..].LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
            }

            i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
        }

        return false;
    }
}
