namespace Photocollect.VisionLab;

/// <summary>
/// Things drawn onto a placed person for the corpus: a cap, a hand at the chin, earrings, tinted glasses, glare on
/// glasses and hair dyed black. Sizes are fractions of the face width in the photo; colours come from the photo
/// itself where they must match the person (skin).
/// </summary>
public static class Props
{
    /// <summary>A baseball cap: a crown over the top of the head and a brim across the forehead, in one colour with shading.</summary>
    public static void Cap(Raster photo, double[] m, Person person, (byte R, byte G, byte B) colour)
    {
        var (ex, ey) = Corpus.Map(m, person.EyeMid);
        var s = person.JawWidth * m[0];
        var (_, browY) = Corpus.Map(m, person.Mid(17, 26));
        var brim = browY - (0.10 * s);
        // The crown: the upper part of an ellipse over the head, lit from above.
        Fill(photo, ex - (0.8 * s), ey - (1.4 * s), 1.6 * s, brim - ey + (1.4 * s), (x, y) =>
        {
            var (u, v) = ((x - ex) / (0.74 * s), (y - (brim + (0.05 * s))) / (0.85 * s));
            var inside = Math.Clamp((1 - Math.Sqrt((u * u) + (v * v))) * 0.74 * s, 0, 1);
            return y <= brim ? (inside, 0.75 + (0.35 * Math.Clamp((brim - y) / (0.8 * s), 0, 1)) - (0.15 * Math.Abs(u))) : (0, 0);
        }, colour);
        // The brim, seen from the front: a flat band wider than the crown, darker underneath.
        Fill(photo, ex - (0.8 * s), brim - (0.08 * s), 1.6 * s, 0.18 * s, (x, y) =>
        {
            var (u, v) = ((x - ex) / (0.8 * s), (y - brim) / (0.075 * s));
            var inside = Math.Clamp((1 - Math.Sqrt((u * u) + (v * v))) * 0.075 * s, 0, 1);
            return (inside, y < brim ? 0.9 : 0.55);
        }, colour);
    }

    /// <summary>A small fist under the chin at one side, fingers curled against the jaw, the wrist going down out of the frame.</summary>
    public static void ChinHand(Raster photo, double[] m, Person person)
    {
        var s = person.JawWidth * m[0];
        var (cx, cy) = Corpus.Map(m, person.Chin);
        var skin = Sample(photo, Corpus.Map(m, person.Mid(2, 3)), Corpus.Map(m, person.Landmarks[31]));
        var shade = ((byte)(skin.R * 0.8), (byte)(skin.G * 0.78), (byte)(skin.B * 0.78));
        var (hx, hy) = (cx + (0.3 * s), cy + (0.02 * s));
        // The wrist and forearm first (the fist lies over them).
        for (var t = 0.0; t < 3 * s; t += 0.02 * s)
        {
            photo.Ellipse(hx + (0.05 * s) + (t * 0.35), hy + (0.1 * s) + t, 0.11 * s, 0.05 * s, skin);
        }

        photo.Ellipse(hx, hy, 0.17 * s, 0.12 * s, skin, -10);
        for (var f = 0; f < 4; f++)
        {
            var fx = hx - (0.13 * s) + (f * 0.085 * s);
            photo.Ellipse(fx, hy - (0.09 * s), 0.05 * s, 0.045 * s, skin);
            photo.Ellipse(fx + (0.043 * s), hy - (0.07 * s), 0.006 * s, 0.03 * s, shade);
        }
    }

    /// <summary>Small gold hoops at both earlobes, with a highlight.</summary>
    public static void Earrings(Raster photo, double[] m, Person person)
    {
        var s = person.JawWidth * m[0];
        foreach (var (i, side) in new[] { (2, -1), (14, 1) })
        {
            var (x, y) = Corpus.Map(m, person.Landmarks[i]);
            var (rx, ry) = (x + (side * 0.08 * s), y + (0.1 * s));
            photo.Ellipse(rx, ry, 0.045 * s, 0.05 * s, (205, 165, 60));
            photo.Ellipse(rx, ry, 0.03 * s, 0.035 * s, Sample(photo, (rx + (side * 0.07 * s), ry), (rx + (side * 0.07 * s), ry)));
            photo.Ellipse(rx - (side * 0.02 * s), ry - (0.03 * s), 0.008 * s, 0.008 * s, (255, 245, 210));
        }
    }

    /// <summary>Glasses: thin dark frames and lightly tinted lenses (the eyes stay visible); with glare, a bright reflection over one lens.</summary>
    public static void Glasses(Raster photo, double[] m, Person person, (double R, double G, double B) tint, bool glare)
    {
        var s = person.JawWidth * m[0];
        var first = true;
        foreach (var (from, to) in new[] { (36, 41), (42, 47) })
        {
            var (x, y) = Corpus.Map(m, person.Mid(from, to));
            Fill(photo, x - (0.2 * s), y - (0.15 * s), 0.4 * s, 0.3 * s, (px, py) =>
            {
                var (u, v) = ((px - x) / (0.17 * s), (py - y - (0.01 * s)) / (0.12 * s));
                var d = Math.Sqrt((u * u) + (v * v));
                return d < 1 ? (1, -1) : (0, 0);
            }, tint);
            Fill(photo, x - (0.2 * s), y - (0.15 * s), 0.4 * s, 0.3 * s, (px, py) =>
            {
                var (u, v) = ((px - x) / (0.17 * s), (py - y - (0.01 * s)) / (0.12 * s));
                var d = Math.Sqrt((u * u) + (v * v));
                return d is >= 1 and < 1.07 ? (1, 1) : (0, 0);
            }, (45, 35, 30));
            if (glare && first)
            {
                photo.Ellipse(x + (0.02 * s), y - (0.01 * s), 0.1 * s, 0.07 * s, (250, 250, 250), -20);
            }

            first = false;
        }
    }

    /// <summary>Samples the mean colour between two photo points (a short line of pixels).</summary>
    private static (byte R, byte G, byte B) Sample(Raster photo, (double X, double Y) a, (double X, double Y) b)
    {
        double r = 0, g = 0, bl = 0;
        const int N = 9;
        for (var k = 0; k < N; k++)
        {
            var x = (int)Math.Clamp(a.X + ((b.X - a.X) * k / (N - 1)), 0, photo.Width - 1);
            var y = (int)Math.Clamp(a.Y + ((b.Y - a.Y) * k / (N - 1)), 0, photo.Height - 1);
            var i = ((y * photo.Width) + x) * 3;
            (bl, g, r) = (bl + photo.Bgr[i], g + photo.Bgr[i + 1], r + photo.Bgr[i + 2]);
        }

        return ((byte)(r / N), (byte)(g / N), (byte)(bl / N));
    }

    // Paints a box: coverage(x, y) gives (alpha, shade); shade ≥ 0 paints colour × shade, shade < 0 multiplies the
    // pixel by the colour as a filter (0–1 per channel).
    private static void Fill(Raster photo, double x0, double y0, double w, double h, Func<int, int, (double Alpha, double Shade)> coverage, (double R, double G, double B) colour)
    {
        for (var y = (int)Math.Max(0, y0); y < Math.Min(photo.Height, y0 + h); y++)
        {
            for (var x = (int)Math.Max(0, x0); x < Math.Min(photo.Width, x0 + w); x++)
            {
                var (a, shade) = coverage(x, y);
                if (a <= 0)
                {
                    continue;
                }

                var i = ((y * photo.Width) + x) * 3;
                var target = shade >= 0
                    ? (B: colour.B * shade, G: colour.G * shade, R: colour.R * shade)
                    : (B: photo.Bgr[i] * colour.B, G: photo.Bgr[i + 1] * colour.G, R: photo.Bgr[i + 2] * colour.R);
                photo.Bgr[i] = (byte)Math.Clamp((a * target.B) + ((1 - a) * photo.Bgr[i]), 0, 255);
                photo.Bgr[i + 1] = (byte)Math.Clamp((a * target.G) + ((1 - a) * photo.Bgr[i + 1]), 0, 255);
                photo.Bgr[i + 2] = (byte)Math.Clamp((a * target.R) + ((1 - a) * photo.Bgr[i + 2]), 0, 255);
            }
        }
    }
}
