using System.Buffers.Binary;
using System.IO.Compression;

namespace Photocollect.VisionLab;

/// <summary>
/// The platform's icon (src/Web/wwwroot/favicon.ico): a head and shoulders in white on the product's blue, the blue
/// background ID photo itself, at 16, 32 and 48 px, each a PNG inside the ICO. Drawn here once and committed; every
/// pixel is 8×8 samples of the shapes, so the edges are smooth at 16 px.
/// </summary>
public static class Favicon
{
    private static readonly (byte R, byte G, byte B) Blue = (29, 78, 216);
    private static readonly int[] Sizes = [16, 32, 48];

    /// <summary>The ICO file's bytes.</summary>
    public static byte[] Ico()
    {
        var images = Sizes.Select(size => (Size: size, Png: Png(Draw(size), size))).ToList();
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 1);  // type: icon
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], (ushort)images.Count);
        output.Write(header);
        var offset = 6 + (16 * images.Count);
        Span<byte> entry = stackalloc byte[16];
        foreach (var (size, png) in images)
        {
            entry.Clear();
            entry[0] = (byte)size;
            entry[1] = (byte)size;
            BinaryPrimitives.WriteUInt16LittleEndian(entry[4..], 1);   // colour planes
            BinaryPrimitives.WriteUInt16LittleEndian(entry[6..], 32);  // bits per pixel
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)png.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], (uint)offset);
            output.Write(entry);
            offset += png.Length;
        }

        foreach (var (_, png) in images)
        {
            output.Write(png);
        }

        return output.ToArray();
    }

    // RGBA pixels: a rounded square of blue, a white head and shoulders inside it.
    private static byte[] Draw(int size)
    {
        const int Samples = 8;
        var rgba = new byte[size * size * 4];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                int tile = 0, person = 0;
                for (var sy = 0; sy < Samples; sy++)
                {
                    for (var sx = 0; sx < Samples; sx++)
                    {
                        // The shapes on a 32-unit square.
                        var u = (x + ((sx + 0.5) / Samples)) * 32 / size;
                        var v = (y + ((sy + 0.5) / Samples)) * 32 / size;
                        if (!InRoundedSquare(u, v, 7))
                        {
                            continue;
                        }

                        tile++;
                        var head = Square(u - 16) + Square(v - 12.5) <= Square(6);
                        var shoulders = (Square((u - 16) / 11.5) + Square((v - 30) / 9.5)) <= 1 && v >= 21;
                        person += head || shoulders ? 1 : 0;
                    }
                }

                var i = ((y * size) + x) * 4;
                var white = person / (double)Math.Max(1, tile);
                rgba[i] = (byte)Math.Round((Blue.R * (1 - white)) + (255 * white));
                rgba[i + 1] = (byte)Math.Round((Blue.G * (1 - white)) + (255 * white));
                rgba[i + 2] = (byte)Math.Round((Blue.B * (1 - white)) + (255 * white));
                rgba[i + 3] = (byte)Math.Round(255.0 * tile / (Samples * Samples));
            }
        }

        return rgba;
    }

    private static bool InRoundedSquare(double u, double v, double radius)
    {
        var dx = Math.Max(Math.Max(radius - u, u - (32 - radius)), 0);
        var dy = Math.Max(Math.Max(radius - v, v - (32 - radius)), 0);
        return u is >= 0 and <= 32 && v is >= 0 and <= 32 && Square(dx) + Square(dy) <= Square(radius);
    }

    private static double Square(double value) => value * value;

    // A PNG of RGBA pixels: IHDR, one IDAT (zlib, no filtering), IEND.
    private static byte[] Png(byte[] rgba, int size)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)size);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)size);
        ihdr[8] = 8;  // bits per channel
        ihdr[9] = 6;  // RGBA
        Chunk(output, "IHDR", ihdr);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < size; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgba, y * size * 4, size * 4);
            }
        }

        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typed = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++)
        {
            typed[i] = (byte)type[i];
        }

        data.CopyTo(typed, 4);
        output.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
