using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>A school logo for tests: a PNG of a filled disc in one colour on transparency, written by hand.</summary>
public static class Logos
{
    /// <summary>A <paramref name="size"/>-pixel square PNG with a disc of colour (r, g, b).</summary>
    public static byte[] Disc(int size, byte r, byte g, byte b)
    {
        var raw = new MemoryStream();
        var centre = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
        {
            raw.WriteByte(0);  // filter: none
            for (var x = 0; x < size; x++)
            {
                var inside = Math.Pow(x - centre, 2) + Math.Pow(y - centre, 2) <= centre * centre;
                raw.Write([r, g, b, inside ? (byte)255 : (byte)0]);
            }
        }

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8;  // bit depth
        header[9] = 6;  // RGBA
        Chunk(png, "IHDR", header);
        var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
