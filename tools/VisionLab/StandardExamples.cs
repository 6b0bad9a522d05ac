using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>One example photo of the standards page.</summary>
/// <param name="Name">File name stem, e.g. <c>good</c> or <c>too-dark</c>.</param>
/// <param name="Check">The check it fails, or null for the good photo.</param>
/// <param name="Jpeg">The file.</param>
public sealed record StandardExample(string Name, string? Check, byte[] Jpeg);

/// <summary>
/// The example photos on the student's standards page (src/Web/wwwroot/img/standards): one good photo and the common
/// faults, all of one real person from ../shared/data/faces (astronaut.png, a public-domain NASA portrait) placed on
/// a plain wall by the corpus's own cut-out, each at 384×512 (sharp on a 2× or 3× phone screen as a third of its width; the engine's smallest source for the 480×640 photo is 360 px wide) and at most
/// 30 KB. Deterministic: the same faces give the same files. tests/Web.Tests checks each file against the engine.
/// </summary>
public static class StandardExamples
{
    /// <summary>Width of each file.</summary>
    public const int Width = 480;

    /// <summary>Height of each file.</summary>
    public const int Height = 640;

    /// <summary>Largest file.</summary>
    public const int MaxBytes = 30 * 1024;

    private static readonly (byte R, byte G, byte B) Wall = (238, 240, 242);

    /// <summary>Draws every example.</summary>
    public static IEnumerable<StandardExample> Render(string facesDirectory)
    {
        var source = Path.Combine(facesDirectory, "astronaut.png");
        var person = Person.Load(source, closeMouth: true);
        var smiling = Person.Load(source, closeMouth: false);
        var framed = new PhotoSpec { Width = Width, Height = Height, Background = Wall, FaceWidth = 0.42, Eyes = (0.5, 0.42) };

        StandardExample Make(string name, string? check, Person who, PhotoSpec spec, Action<Raster, double[]>? change = null, Raster? background = null)
        {
            var (photo, placement) = Corpus.Render(who, spec, background);
            change?.Invoke(photo, placement);
            return new StandardExample(name, check, Encode(photo));
        }

        yield return Make("good", null, person, framed);
        yield return Make("too-far", "face_size", SmoothBody(person), framed with { FaceWidth = 0.13, Eyes = (0.5, 0.55) });
        yield return Make("head-tilted", "head_pose", person, framed with { Roll = 18 });
        yield return Make("cluttered-background", "background", person, framed, background: Corpus.Clutter(framed, new Random(7)));
        yield return Make("too-dark", "brightness", person, framed with { Light = 0.35 });
        yield return Make("overexposed", "brightness", person, framed with { Light = 2.2 });
        yield return Make("tinted-glasses", "eyes_visible", person, framed, (photo, m) => TintedGlasses(photo, m, person));
        yield return Make("teeth-showing", "mouth_closed", smiling, framed);
        yield return Make("head-cut-off", "face_position", person, framed with { Eyes = (0.5, 0.17) });
    }

    // The smallest file of good quality: quality steps down from 85 until the file fits.
    private static byte[] Encode(Raster photo)
    {
        for (var quality = 85; ; quality -= 5)
        {
            var jpeg = photo.ToJpeg(quality);
            if (jpeg.Length <= MaxBytes || quality <= 60)
            {
                return jpeg;
            }
        }
    }

    // Thin dark frames round the eyes and dark lenses over them (sunglasses, or tinted lenses).
    private static void TintedGlasses(Raster photo, double[] m, Person person)
    {
        var scale = m[0];
        foreach (var (from, to) in new[] { (36, 41), (42, 47) })
        {
            var (x, y) = Corpus.Map(m, person.Mid(from, to));
            var rx = person.JawWidth * scale * 0.16;
            var ry = rx * 0.78;
            for (var a = 0.0; a < 2 * Math.PI; a += 0.02)
            {
                photo.Ellipse(x + (rx * Math.Cos(a)), y + (ry * Math.Sin(a)), 1.3, 1.3, (70, 62, 58));
            }

            Tint(photo, x, y, rx, ry, 0.92, (22, 24, 30));
        }
    }

    private static void Tint(Raster photo, double cx, double cy, double rx, double ry, double strength, (byte R, byte G, byte B) toward)
    {
        for (var y = (int)Math.Max(0, cy - rx); y < Math.Min(photo.Height, cy + rx); y++)
        {
            for (var x = (int)Math.Max(0, cx - rx); x < Math.Min(photo.Width, cx + rx); x++)
            {
                var (dx, dy) = (x - cx, y - cy);
                var (u, v) = (dx / rx, dy / ry);
                var d = Math.Sqrt((u * u) + (v * v));
                if (d >= 1)
                {
                    continue;
                }

                var a = strength * Math.Min(1, (1 - d) * 8);
                var i = ((y * photo.Width) + x) * 3;
                for (var k = 0; k < 3; k++)
                {
                    photo.Bgr[i + k] = (byte)((photo.Bgr[i + k] * (1 - a)) + ((k == 0 ? toward.B : k == 1 ? toward.G : toward.R) * a));
                }
            }
        }
    }

    // The portrait ends at the shoulders and the corpus repeats its last row below (streaks a small, far-away person
    // would show): below the portrait, each row is the last row blurred across, so the body goes on in its own colours.
    private static Person SmoothBody(Person person)
    {
        var image = person.Image;
        var shot = image.Height / 3;  // Person.Load pads twice the portrait's height below it
        var smooth = new Raster(image.Width, image.Height);
        Array.Copy(image.Bgr, smooth.Bgr, shot * image.Width * 3);
        var reach = image.Width / 12;
        var last = (shot - 1) * image.Width * 3;
        var row = new byte[image.Width * 3];
        for (var x = 0; x < image.Width; x++)
        {
            var (from, to) = (Math.Max(0, x - reach), Math.Min(image.Width - 1, x + reach));
            for (var k = 0; k < 3; k++)
            {
                var sum = 0;
                for (var i = from; i <= to; i++)
                {
                    sum += image.Bgr[last + (i * 3) + k];
                }

                row[(x * 3) + k] = (byte)(sum / (to - from + 1));
            }
        }

        var alpha = (float[])person.Alpha.Clone();
        var lastAlpha = new float[image.Width];
        for (var x = 0; x < image.Width; x++)
        {
            var (from, to) = (Math.Max(0, x - reach), Math.Min(image.Width - 1, x + reach));
            var sum = 0f;
            for (var i = from; i <= to; i++)
            {
                sum += person.Alpha[((shot - 1) * image.Width) + i];
            }

            lastAlpha[x] = Math.Clamp(((sum / (to - from + 1)) - 0.5f) * 4 + 0.5f, 0, 1);
        }

        for (var y = shot; y < image.Height; y++)
        {
            Array.Copy(row, 0, smooth.Bgr, y * image.Width * 3, row.Length);
            Array.Copy(lastAlpha, 0, alpha, y * image.Width, image.Width);
        }

        return person with { Image = smooth, Alpha = alpha };
    }
}
