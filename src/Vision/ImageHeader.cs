using System.Buffers.Binary;

namespace Photocollect.Vision;

/// <summary>What a file's header declares, read without decoding a pixel.</summary>
/// <param name="Format">The container format.</param>
/// <param name="Width">Declared width in pixels, when the header was read that far (JPEG, PNG).</param>
/// <param name="Height">Declared height in pixels, when read.</param>
/// <param name="Components">JPEG: colour components (1 grey, 3 YCbCr/RGB, 4 CMYK); PNG: bytes per pixel at 8 bits.</param>
public readonly record struct ImageHeader(ImageFormat Format, int? Width, int? Height, int? Components)
{
    /// <summary>Declared pixel count, or null when the size was not read.</summary>
    public long? Pixels => Width is { } w && Height is { } h ? (long)w * h : null;

    /// <summary>
    /// Reads the format and, for JPEG and PNG, the declared size. Lets the engine refuse a decompression bomb (a small
    /// file that declares 60000×60000) and name unsupported formats before handing anything to a decoder.
    /// </summary>
    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ReadPng(data);
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return new(ImageFormat.Gif, null, null, null);
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return new(ImageFormat.WebP, null, null, null);
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return new(ImageFormat.Heif, null, null, null);
        }

        if (data.StartsWith("BM"u8) && data.Length >= 26)
        {
            return new(ImageFormat.Bmp, null, null, null);
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return new(ImageFormat.Tiff, null, null, null);
        }

        return new(ImageFormat.Unknown, null, null, null);
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        // Walk the marker segments to the first SOFn frame header; stop at start-of-scan or the end of what we have.
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                break;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (length < 2)
            {
                break;
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame && i + 10 <= data.Length)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]);
                return new(ImageFormat.Jpeg, width, height, data[i + 9]);
            }

            if (marker == 0xDA)
            {
                break;
            }

            i += 2 + length;
        }

        return new(ImageFormat.Jpeg, null, null, null);
    }

    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4) + depth (1) + colour type (1).
        if (data.Length < 26 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return new(ImageFormat.Png, null, null, null);
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        int? components = data[25] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => null };
        return new(ImageFormat.Png, (int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue), components);
    }
}
