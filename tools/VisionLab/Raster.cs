using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>Packed 8-bit BGR pixels in managed memory, for drawing test photos.</summary>
public sealed class Raster
{
    /// <summary>A canvas filled with one colour.</summary>
    public Raster(int width, int height, (byte R, byte G, byte B) fill = default)
    {
        Width = width;
        Height = height;
        Bgr = new byte[width * height * 3];
        for (var i = 0; i < Bgr.Length; i += 3)
        {
            (Bgr[i], Bgr[i + 1], Bgr[i + 2]) = (fill.B, fill.G, fill.R);
        }
    }

    private Raster(int width, int height, byte[] bgr) => (Width, Height, Bgr) = (width, height, bgr);

    /// <summary>Width.</summary>
    public int Width { get; }

    /// <summary>Height.</summary>
    public int Height { get; }

    /// <summary>The pixels, rows packed, blue first.</summary>
    public byte[] Bgr { get; }

    /// <summary>Copies a native image.</summary>
    public static Raster From(VisionImage image) => new(image.Width, image.Height, image.ToBgr());

    /// <summary>A native copy (dispose it).</summary>
    public VisionImage ToImage() => VisionImage.FromBgr(Bgr, Width, Height);

    /// <summary>JPEG bytes.</summary>
    public byte[] ToJpeg(int quality = 90)
    {
        using var image = ToImage();
        return image.ToJpeg(quality);
    }

    /// <summary>Sets every pixel from a function of its position (x, y) → colour.</summary>
    public void Paint(Func<int, int, (byte R, byte G, byte B)> colour)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b) = colour(x, y);
                var i = ((y * Width) + x) * 3;
                (Bgr[i], Bgr[i + 1], Bgr[i + 2]) = (b, g, r);
            }
        }
    }

    /// <summary>Blends <paramref name="layer"/> (same size) over this raster by a coverage of 0–1 per pixel.</summary>
    public void Blend(Raster layer, float[] coverage)
    {
        for (var p = 0; p < Width * Height; p++)
        {
            var a = coverage[p];
            if (a <= 0)
            {
                continue;
            }

            var i = p * 3;
            for (var c = 0; c < 3; c++)
            {
                Bgr[i + c] = (byte)Math.Clamp((a * layer.Bgr[i + c]) + ((1 - a) * Bgr[i + c]) + 0.5f, 0, 255);
            }
        }
    }

    /// <summary>Multiplies channels (per-channel gain), optionally varying left to right (gain at left, gain at right).</summary>
    public void Gain(double r, double g, double b, double rightFactor = 1)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var f = 1 + ((rightFactor - 1) * x / (Width - 1.0));
                var i = ((y * Width) + x) * 3;
                Bgr[i] = (byte)Math.Clamp(Bgr[i] * b * f, 0, 255);
                Bgr[i + 1] = (byte)Math.Clamp(Bgr[i + 1] * g * f, 0, 255);
                Bgr[i + 2] = (byte)Math.Clamp(Bgr[i + 2] * r * f, 0, 255);
            }
        }
    }

    /// <summary>Adds Gaussian noise of standard deviation <paramref name="sigma"/>.</summary>
    public void Noise(double sigma, Random random)
    {
        for (var i = 0; i < Bgr.Length; i++)
        {
            var n = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            Bgr[i] = (byte)Math.Clamp(Bgr[i] + (n * sigma), 0, 255);
        }
    }

    /// <summary>Fills an ellipse (centre, radii, rotation in degrees), anti-aliased at its edge.</summary>
    public void Ellipse(double cx, double cy, double rx, double ry, (byte R, byte G, byte B) colour, double degrees = 0)
    {
        var t = degrees * Math.PI / 180;
        var (c, s) = (Math.Cos(t), Math.Sin(t));
        var reach = Math.Max(rx, ry) + 2;
        for (var y = (int)Math.Max(0, cy - reach); y < Math.Min(Height, cy + reach); y++)
        {
            for (var x = (int)Math.Max(0, cx - reach); x < Math.Min(Width, cx + reach); x++)
            {
                var (dx, dy) = (x - cx, y - cy);
                var (u, v) = (((c * dx) + (s * dy)) / rx, ((-s * dx) + (c * dy)) / ry);
                var d = Math.Sqrt((u * u) + (v * v));
                var a = Math.Clamp((1 - d) * Math.Min(rx, ry), 0, 1);
                if (a > 0)
                {
                    Put(x, y, colour, a);
                }
            }
        }
    }

    /// <summary>Fills a rectangle.</summary>
    public void Rectangle(double x0, double y0, double width, double height, (byte R, byte G, byte B) colour)
    {
        for (var y = (int)Math.Max(0, y0); y < Math.Min(Height, y0 + height); y++)
        {
            for (var x = (int)Math.Max(0, x0); x < Math.Min(Width, x0 + width); x++)
            {
                Put(x, y, colour, 1);
            }
        }
    }

    /// <summary>Writes capital letters and digits in a blocky 5×7 font, each cell <paramref name="cell"/> pixels.</summary>
    public void Text(string text, double x, double y, double cell, (byte R, byte G, byte B) colour)
    {
        foreach (var ch in text)
        {
            if (Font.Glyphs.TryGetValue(ch, out var rows))
            {
                for (var r = 0; r < 7; r++)
                {
                    for (var col = 0; col < 5; col++)
                    {
                        if ((rows[r] & (1 << (4 - col))) != 0)
                        {
                            Rectangle(x + (col * cell), y + (r * cell), cell, cell, colour);
                        }
                    }
                }
            }

            x += cell * 6;
        }
    }

    private void Put(int x, int y, (byte R, byte G, byte B) colour, double a)
    {
        var i = ((y * Width) + x) * 3;
        Bgr[i] = (byte)((a * colour.B) + ((1 - a) * Bgr[i]));
        Bgr[i + 1] = (byte)((a * colour.G) + ((1 - a) * Bgr[i + 1]));
        Bgr[i + 2] = (byte)((a * colour.R) + ((1 - a) * Bgr[i + 2]));
    }

    private static class Font
    {
        public static readonly Dictionary<char, byte[]> Glyphs = new()
        {
            ['S'] = [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
            ['A'] = [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
            ['M'] = [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
            ['P'] = [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
            ['L'] = [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
            ['E'] = [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
            ['C'] = [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E],
            ['O'] = [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
            ['Y'] = [0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04],
            ['2'] = [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
            ['0'] = [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
            ['6'] = [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
            [' '] = [0, 0, 0, 0, 0, 0, 0],
        };
    }
}
