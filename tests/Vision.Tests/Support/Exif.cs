namespace Photocollect.Vision.Tests.Support;

/// <summary>JPEG metadata helpers for tests.</summary>
public static class Exif
{
    /// <summary>Inserts an APP1 Exif segment holding only the orientation tag (little-endian TIFF) after SOI.</summary>
    public static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, // header, IFD at 8
            1, 0, // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, (byte)(orientation >> 8), 0, 0, // 0x0112 SHORT 1
            0, 0, 0, 0, // no next IFD
        ];
        byte[] body = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        var length = body.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. body];
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>Whether a JPEG has an APP1 (Exif/XMP) segment before its image data.</summary>
    public static bool HasApp1(byte[] jpeg)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xE1)
            {
                return true;
            }

            if (marker == 0xDA)
            {
                return false;
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        return false;
    }

    /// <summary>The JFIF density (units 1 = dpi) of a JPEG, or null.</summary>
    public static (int Units, int X, int Y)? JfifDensity(byte[] jpeg) =>
        jpeg.Length > 18 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 && jpeg[6] == 'J' && jpeg[7] == 'F'
            ? (jpeg[13], (jpeg[14] << 8) | jpeg[15], (jpeg[16] << 8) | jpeg[17])
            : null;
}
