namespace Photocollect.VisionLab;

/// <summary>
/// Photos of a photo (翻拍): a portrait printed on paper (a halftone press print, or an inkjet print with
/// error-diffused dots) lying on a desk or held in a hand, and a portrait shown on a screen (a phone's RGB stripes
/// with a bezel and a window's reflection, a monitor's pixel grid with its black matrix), each photographed at an
/// angle by a phone: perspective, camera blur, sensor noise, the phone's JPEG. What a real recapture carries and a
/// photo of a person does not: the medium's own texture (dots, sub-pixels and the moiré they make when a camera
/// samples them), the medium's edge with a different surround, glare on its surface.
/// </summary>
public static class Recapture
{
    /// <summary>A press print on a wooden desk: CMYK dot screens at the classic angles, white paper margin, a lamp's glare.</summary>
    public static byte[] PrintOnDesk(Raster shown, int width, int height, Random random)
    {
        var paper = Halftone(shown, 2.2, 4.2);
        var desk = new Raster(width, height);
        desk.Paint((x, y) =>
        {
            var grain = 12 * Math.Sin((x * 0.013) + (Math.Sin(y * 0.004) * 3));
            return ((byte)(150 + grain), (byte)(112 + grain), (byte)(78 + grain));
        });
        // The print fills about 85 % of the frame's width, seen at a slight angle.
        var photo = Place(desk, paper, Corners(width, height, paper, 0.86, 0.5, 0.52, 0.04 + (random.NextDouble() * 0.03)));
        Glare(photo, width * 0.68, height * 0.3, width * 0.22, 0.3);
        return Finish(photo, random, blur: 0.8, noise: 2.5, quality: 88);
    }

    /// <summary>An inkjet print held up in a hand in a room: stochastic (error-diffused) dots, fingers over its edge, the room behind.</summary>
    public static byte[] PrintInHand(Raster shown, int width, int height, Random random)
    {
        var paper = Inkjet(shown, 2.0, random);
        var room = new Raster(width, height);
        room.Paint((x, y) =>
        {
            // A lit wall with a door frame at the left and a shelf's shadow.
            var v = 196 - (40.0 * y / height) - (x < width * 0.12 ? 50 : 0);
            return ((byte)(v * 0.98), (byte)(v * 0.95), (byte)(v * 0.9));
        });
        var photo = Place(room, paper, Corners(width, height, paper, 0.8, 0.52, 0.5, 0.02 + (random.NextDouble() * 0.03)));
        // Thumb and finger tips over the print's lower edge and one side.
        var skin = ((byte)214, (byte)164, (byte)134);
        photo.Ellipse(width * 0.2, height * 0.9, width * 0.07, height * 0.045, skin, 30);
        photo.Ellipse(width * 0.84, height * 0.6, width * 0.06, height * 0.03, skin, -15);
        photo.Rectangle(width * 0.84, height * 0.585, width * 0.16, height * 0.03, skin);
        Glare(photo, width * 0.3, height * 0.72, width * 0.18, 0.2);
        return Finish(photo, random, blur: 1.0, noise: 3, quality: 85);
    }

    /// <summary>A phone's screen photographed: each pixel as R, G and B stripes, a black bezel, raised blacks, a window's reflection.</summary>
    public static byte[] PhoneScreen(Raster shown, int width, int height, Random random)
    {
        var glow = Subpixels(shown, 3, gapRow: true);
        var bezel = (int)(glow.Width * 0.05);
        var device = new Raster(glow.Width + (2 * bezel), glow.Height + (3 * bezel), (18, 18, 20));
        Paste(device, glow, bezel, bezel * 3 / 2);
        var desk = new Raster(width, height, (206, 200, 190));
        var photo = Place(desk, device, Corners(width, height, device, 0.92, 0.5, 0.5, 0.03 + (random.NextDouble() * 0.03)));
        Reflection(photo, 0.12);
        Glare(photo, width * 0.3, height * 0.25, width * 0.25, 0.2);
        return Finish(photo, random, blur: 0.6, noise: 3, quality: 90, expose: true);
    }

    /// <summary>A monitor photographed close up: square pixels with a black matrix, the bezel along two sides, turned a little.</summary>
    public static byte[] MonitorScreen(Raster shown, int width, int height, Random random)
    {
        var glow = Subpixels(shown, 4, gapRow: true);
        var bezel = (int)(glow.Width * 0.04);
        var device = new Raster(glow.Width + (2 * bezel), glow.Height + (2 * bezel), (40, 40, 44));
        Paste(device, glow, bezel, bezel);
        var room = new Raster(width, height, (120, 110, 100));
        // Closer: the screen runs off the frame at the right and the bottom.
        var photo = Place(room, device, Corners(width, height, device, 1.08, 0.56, 0.56, 0.02 + (random.NextDouble() * 0.02), turn: 2.5));
        Reflection(photo, 0.08);
        return Finish(photo, random, blur: 0.7, noise: 3.5, quality: 88, expose: true);
    }

    // The corners of a medium placed at `fill` of the frame's width around (cx, cy) (fractions), its top edge
    // foreshortened by `tilt` (seen from below) and turned by `turn` degrees.
    private static (double X, double Y)[] Corners(int width, int height, Raster medium, double fill, double cx, double cy, double tilt, double turn = 0)
    {
        var scale = width * fill / medium.Width;
        var (hw, hh) = (medium.Width * scale / 2, medium.Height * scale / 2);
        (double X, double Y)[] local = [(-hw + (hw * tilt), -hh), (hw - (hw * tilt), -hh + (hh * 0.02)), (hw, hh), (-hw, hh - (hh * 0.01))];
        var t = turn * Math.PI / 180;
        return [.. local.Select(p => ((cx * width) + (p.X * Math.Cos(t)) - (p.Y * Math.Sin(t)), (cy * height) + (p.X * Math.Sin(t)) + (p.Y * Math.Cos(t))))];
    }

    // A press print: four dot screens (C, M, Y, K at 15°, 75°, 0°, 45°) of `cell` printer pixels, `up` printer
    // pixels a shown pixel, on slightly warm paper with a white margin; the ink spreads a little.
    private static Raster Halftone(Raster shown, double up, double cell)
    {
        var (pw, ph) = ((int)(shown.Width * up), (int)(shown.Height * up));
        var margin = (int)(pw * 0.06);
        var paper = new Raster(pw + (2 * margin), ph + (2 * margin), (246, 244, 238));
        double[] angles = [15, 75, 0, 45];
        var (cos, sin) = (angles.Select(a => Math.Cos(a * Math.PI / 180)).ToArray(), angles.Select(a => Math.Sin(a * Math.PI / 180)).ToArray());
        for (var y = 0; y < ph; y++)
        {
            for (var x = 0; x < pw; x++)
            {
                var (r, g, b) = Sample(shown, x / up, y / up);
                var ink = Cmyk(r, g, b);
                var (pr, pg, pb) = (246.0, 244.0, 238.0);
                for (var c = 0; c < 4; c++)
                {
                    var (u, v) = (((x * cos[c]) + (y * sin[c])) / cell, ((-x * sin[c]) + (y * cos[c])) / cell);
                    var spot = (2 - Math.Cos(2 * Math.PI * u) - Math.Cos(2 * Math.PI * v)) / 4;  // 0 at a dot's centre
                    if (spot < ink[c] * 0.92)
                    {
                        (pr, pg, pb) = Ink(c, pr, pg, pb);
                    }
                }

                Set(paper, x + margin, y + margin, pr, pg, pb);
            }
        }

        return Blur(paper, 0.7);
    }

    // An inkjet print: each of C, M, Y, K dithered by Floyd–Steinberg error diffusion (no screen, no period).
    private static Raster Inkjet(Raster shown, double up, Random random)
    {
        var (pw, ph) = ((int)(shown.Width * up), (int)(shown.Height * up));
        var margin = (int)(pw * 0.05);
        var paper = new Raster(pw + (2 * margin), ph + (2 * margin), (250, 250, 247));
        var levels = new float[4][];
        for (var c = 0; c < 4; c++)
        {
            levels[c] = new float[pw * ph];
        }

        for (var y = 0; y < ph; y++)
        {
            for (var x = 0; x < pw; x++)
            {
                var (r, g, b) = Sample(shown, x / up, y / up);
                var ink = Cmyk(r, g, b);
                for (var c = 0; c < 4; c++)
                {
                    levels[c][(y * pw) + x] = (float)ink[c] + (float)((random.NextDouble() - 0.5) * 0.02);
                }
            }
        }

        var dots = new bool[4][];
        for (var c = 0; c < 4; c++)
        {
            dots[c] = Diffuse(levels[c], pw, ph);
        }

        for (var y = 0; y < ph; y++)
        {
            for (var x = 0; x < pw; x++)
            {
                var (pr, pg, pb) = (250.0, 250.0, 247.0);
                for (var c = 0; c < 4; c++)
                {
                    if (dots[c][(y * pw) + x])
                    {
                        (pr, pg, pb) = Ink(c, pr, pg, pb);
                    }
                }

                Set(paper, x + margin, y + margin, pr, pg, pb);
            }
        }

        return Blur(paper, 0.9);
    }

    private static bool[] Diffuse(float[] level, int width, int height)
    {
        var on = new bool[level.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                on[i] = level[i] >= 0.5f;
                var error = level[i] - (on[i] ? 1f : 0f);
                if (x + 1 < width)
                {
                    level[i + 1] += error * 7 / 16;
                }

                if (y + 1 < height)
                {
                    if (x > 0)
                    {
                        level[i + width - 1] += error * 3 / 16;
                    }

                    level[i + width] += error * 5 / 16;
                    if (x + 1 < width)
                    {
                        level[i + width + 1] += error * 1 / 16;
                    }
                }
            }
        }

        return on;
    }

    // A screen: each shown pixel `pitch` device pixels wide, as R, G, B stripes from left to right, with a dark row
    // between pixel rows (the black matrix); blacks raised and whites a little cool, as an LCD in a lit room shows.
    private static Raster Subpixels(Raster shown, int pitch, bool gapRow)
    {
        var glow = new Raster(shown.Width * pitch, shown.Height * pitch);
        for (var y = 0; y < glow.Height; y++)
        {
            for (var x = 0; x < glow.Width; x++)
            {
                var si = (((y / pitch) * shown.Width) + (x / pitch)) * 3;
                var gap = gapRow && y % pitch == pitch - 1 ? 0.5 : 1.0;
                var channel = Math.Min(2, (x % pitch) * 3 / pitch);  // 0 R, 1 G, 2 B
                var level = shown.Bgr[si + (2 - channel)];
                glow.Bgr[(((y * glow.Width) + x) * 3) + (2 - channel)] = (byte)Math.Min(255, (18 + (level * 0.92)) * gap);
            }
        }

        return glow;
    }

    private static (double R, double G, double B) Sample(Raster shown, double x, double y)
    {
        var si = ((Math.Min(shown.Height - 1, (int)y) * shown.Width) + Math.Min(shown.Width - 1, (int)x)) * 3;
        return (shown.Bgr[si + 2] / 255.0, shown.Bgr[si + 1] / 255.0, shown.Bgr[si] / 255.0);
    }

    private static double[] Cmyk(double r, double g, double b)
    {
        var k = 1 - Math.Max(r, Math.Max(g, b));
        return k < 0.999 ? [(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k] : [0, 0, 0, 1.0];
    }

    // What a dot of ink c (C, M, Y, K) leaves of the light a paper pixel reflects.
    private static (double R, double G, double B) Ink(int c, double r, double g, double b) => c switch
    {
        0 => (r * 0.12, g * 0.85, b),
        1 => (r, g * 0.15, b * 0.8),
        2 => (r, g * 0.95, b * 0.2),
        _ => (r * 0.15, g * 0.15, b * 0.15),
    };

    private static void Set(Raster raster, int x, int y, double r, double g, double b)
    {
        var i = ((y * raster.Width) + x) * 3;
        (raster.Bgr[i], raster.Bgr[i + 1], raster.Bgr[i + 2]) = ((byte)b, (byte)g, (byte)r);
    }

    private static void Paste(Raster under, Raster over, int left, int top)
    {
        for (var y = 0; y < over.Height; y++)
        {
            Array.Copy(over.Bgr, y * over.Width * 3, under.Bgr, (((y + top) * under.Width) + left) * 3, over.Width * 3);
        }
    }

    private static Raster Place(Raster under, Raster over, (double X, double Y)[] corners)
    {
        var h = Homography([(0, 0), (over.Width, 0), (over.Width, over.Height), (0, over.Height)], corners);
        using var source = over.ToImage();
        using var warped = source.Warp(h, under.Width, under.Height, (0, 0, 0));
        var white = new Raster(over.Width, over.Height, (255, 255, 255));
        using var whiteImage = white.ToImage();
        using var mask = whiteImage.Warp(h, under.Width, under.Height, (0, 0, 0));
        var m = mask.ToBgr();
        var coverage = new float[under.Width * under.Height];
        for (var i = 0; i < coverage.Length; i++)
        {
            coverage[i] = m[i * 3] / 255f;
        }

        under.Blend(Raster.From(warped), coverage);
        return under;
    }

    // A soft, bright reflection: the pixel moves towards white by up to `strength`.
    private static void Glare(Raster photo, double cx, double cy, double radius, double strength)
    {
        for (var y = (int)Math.Max(0, cy - (2 * radius)); y < Math.Min(photo.Height, cy + (2 * radius)); y++)
        {
            for (var x = (int)Math.Max(0, cx - (2 * radius)); x < Math.Min(photo.Width, cx + (2 * radius)); x++)
            {
                var d2 = (Math.Pow(x - cx, 2) + Math.Pow((y - cy) * 1.6, 2)) / (radius * radius);
                var a = strength * Math.Exp(-d2);
                var i = ((y * photo.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    photo.Bgr[i + c] = (byte)(photo.Bgr[i + c] + ((255 - photo.Bgr[i + c]) * a));
                }
            }
        }
    }

    // A window reflected in glass: a faint bright band across the frame at a slant.
    private static void Reflection(Raster photo, double strength)
    {
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var d = (x + (0.6 * y) - (photo.Width * 0.7)) / (photo.Width * 0.18);
                var a = strength * Math.Exp(-d * d);
                var i = ((y * photo.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    photo.Bgr[i + c] = (byte)(photo.Bgr[i + c] + ((255 - photo.Bgr[i + c]) * a));
                }
            }
        }
    }

    // The phone's camera: lens blur, auto-exposure (a screen's stripes light a third of its area: the camera opens up
    // until the middle of the frame averages mid-grey), sensor noise, JPEG.
    private static byte[] Finish(Raster photo, Random random, double blur, double noise, int quality, bool expose = false)
    {
        var soft = Blur(photo, blur);
        if (expose)
        {
            double sum = 0;
            var count = 0;
            for (var y = soft.Height / 5; y < soft.Height * 4 / 5; y += 2)
            {
                for (var x = soft.Width / 5; x < soft.Width * 4 / 5; x += 2)
                {
                    var i = ((y * soft.Width) + x) * 3;
                    sum += soft.Bgr[i] + soft.Bgr[i + 1] + soft.Bgr[i + 2];
                    count += 3;
                }
            }

            var gain = Math.Clamp(128 / (sum / count), 1, 3);
            soft.Gain(gain, gain, gain);
        }

        soft.Noise(noise, random);
        return soft.ToJpeg(quality);
    }

    private static Raster Blur(Raster raster, double sigma)
    {
        using var image = raster.ToImage();
        using var blurred = image.Adjust(blurSigma: sigma);
        return Raster.From(blurred);
    }

    // The 3×3 perspective transform taking four points to four others (row-major, h33 = 1).
    private static double[] Homography((double X, double Y)[] from, (double X, double Y)[] to)
    {
        var a = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] r1 = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] r2 = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var j = 0; j < 9; j++)
            {
                a[2 * i, j] = r1[j];
                a[(2 * i) + 1, j] = r2[j];
            }
        }

        for (var col = 0; col < 8; col++)
        {
            var pivot = Enumerable.Range(col, 8 - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var j = 0; j < 9; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            for (var r = 0; r < 8; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = a[r, col] / a[col, col];
                for (var j = col; j < 9; j++)
                {
                    a[r, j] -= f * a[col, j];
                }
            }
        }

        return [.. Enumerable.Range(0, 8).Select(i => a[i, 8] / a[i, i]), 1];
    }
}
