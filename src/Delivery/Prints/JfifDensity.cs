using System.Buffers.Binary;

namespace Photocollect.Delivery.Prints;

/// <summary>
/// Writes the print resolution into a JPEG's JFIF header (APP0: units 1 = dots per inch, then X and Y density).
/// Skia's encoder leaves libjpeg's default there (no units, 1:1), which a print shop's software reads as 72 or 96 dpi
/// and would print a 1500 px sheet at the wrong size.
/// </summary>
internal static class JfifDensity
{
    private static ReadOnlySpan<byte> Jfif => "JFIF\0"u8;

    public static byte[] Set(byte[] jpeg, int dpi)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, ushort.MaxValue);
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG: no start-of-image marker.", nameof(jpeg));
        }

        // SOI, then APP0 with its length, "JFIF\0", version (2 bytes), units, X density, Y density.
        if (jpeg.Length >= 18 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 && jpeg.AsSpan(6, 5).SequenceEqual(Jfif))
        {
            jpeg[13] = 1;
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(14), (ushort)dpi);
            BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(16), (ushort)dpi);
            return jpeg;
        }

        // No JFIF segment: put one in straight after SOI.
        var withHeader = new byte[jpeg.Length + 18];
        withHeader[0] = 0xFF;
        withHeader[1] = 0xD8;
        withHeader[2] = 0xFF;
        withHeader[3] = 0xE0;
        BinaryPrimitives.WriteUInt16BigEndian(withHeader.AsSpan(4), 16);
        Jfif.CopyTo(withHeader.AsSpan(6));
        withHeader[11] = 1;
        withHeader[12] = 2;
        withHeader[13] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(withHeader.AsSpan(14), (ushort)dpi);
        BinaryPrimitives.WriteUInt16BigEndian(withHeader.AsSpan(16), (ushort)dpi);
        jpeg.AsSpan(2).CopyTo(withHeader.AsSpan(20));
        return withHeader;
    }
}
