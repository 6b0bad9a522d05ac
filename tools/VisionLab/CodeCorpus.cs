using Photocollect.Vision;
using QRCoder;

namespace Photocollect.VisionLab;

/// <summary>One generated photo of a collection code.</summary>
/// <param name="Name">File name without extension: round, kind and severity, e.g. <c>r1-blur-07</c>.</param>
/// <param name="Kind">The degradation.</param>
/// <param name="Text">The code's text (what a decoder must return).</param>
/// <param name="File">The image file (JPEG, or PNG for screenshots).</param>
public sealed record CodeSample(string Name, string Kind, string Text, byte[] File);

/// <summary>
/// Degraded photos and screenshots of collection codes, for comparing QR decoders: eight kinds of degradation at twelve
/// growing severities each (96 files a round), from easy to beyond what a decoder should be expected to read. The codes are
/// shaped like the registry's (<c>PCR1.</c>, a payload, a signature; about 210 characters, ECC level M) and the
/// output is deterministic.
/// </summary>
public static class CodeCorpus
{
    /// <summary>Severities per kind.</summary>
    public const int Steps = 12;

    // Pixels a module in the generated code image, before it is placed.
    private const double Module = 6;

    /// <summary>The kinds, in order: what a phone camera or a screenshot does to a code.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["tilt", "blur", "contrast", "noise", "jpeg", "small", "shadow", "screen-photo"];

    /// <summary>Every sample of a round (96; another round draws other codes, turns and noise), kind by kind, mildest first.</summary>
    public static IEnumerable<CodeSample> Samples(int round = 1) => Kinds.SelectMany(kind => Samples(kind, round));

    /// <summary>The samples of one kind, mildest first (each kind has its own seed, so one can be made alone).</summary>
    public static IEnumerable<CodeSample> Samples(string kind, int round = 1)
    {
        var random = new Random(20261125 + (100 * (round - 1)) + Kinds.ToList().IndexOf(kind));
        for (var step = 0; step < Steps; step++)
        {
            var text = CodeText(random);
            yield return new CodeSample($"r{round}-{kind}-{step + 1:00}", kind, text, Render(kind, step / (Steps - 1.0), text, random));
        }
    }

    // PCR1.<payload>.<signature> in base64url, as the registry simulator signs them.
    private static string CodeText(Random random)
    {
        var payload = new byte[90];
        var signature = new byte[64];
        random.NextBytes(payload);
        random.NextBytes(signature);
        return $"PCR1.{Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_')}" +
               $".{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    // severity: 0 (mild) to 1 (severe).
    private static byte[] Render(string kind, double severity, string text, Random random)
    {
        using var code = Code(text);
        var turn = random.NextDouble() * 360;
        switch (kind)
        {
            case "tilt":
            {
                // A code photographed at an angle: rotation and a growing perspective.
                var tilt = 0.00035 + (0.0009 * severity);
                var (tx, ty) = (tilt * Math.Cos(turn), tilt * Math.Sin(turn));
                using var photo = Place(code, 1400, 1400, turn, 560.0 / code.Width, tx, ty, (225, 225, 225));
                return photo.ToJpeg(90);
            }

            case "blur":
            {
                // Out of focus or shaken: 4.5 px a module, blurred by 1.2 to 4.0 px.
                using var placed = Place(code, 1100, 1100, turn, 4.5 / Module, 0, 0, (240, 240, 240));
                using var photo = placed.Adjust(1.2 + (2.8 * severity));
                return photo.ToJpeg(92);
            }

            case "contrast":
            {
                // A faint code: contrast down to a tenth, on a light or a dark level.
                using var placed = Place(code, 1000, 1000, turn, 500.0 / code.Width, 0, 0, (255, 255, 255));
                var contrast = 0.45 * Math.Pow(0.1 / 0.45, severity);
                using var photo = placed.Adjust(0.6, contrast, (random.NextDouble() < 0.5 ? 40 : 200) * (1 - contrast));
                return photo.ToJpeg(92);
            }

            case "noise":
            {
                // A dark room: sensor noise from σ 20 to 75.
                using var placed = Place(code, 1000, 1000, turn, 460.0 / code.Width, 0, 0, (230, 230, 230));
                using var soft = placed.Adjust(0.8);
                var raster = Raster.From(soft);
                raster.Noise(20 + (55 * severity), random);
                return raster.ToJpeg(92);
            }

            case "jpeg":
            {
                // Sent through chat apps: small (3.5 px a module) and heavily compressed, quality 24 down to 2.
                using var photo = Place(code, 560, 560, turn, 3.5 / Module, 0, 0, (245, 245, 245));
                return photo.ToJpeg((int)Math.Round(24 - (22 * severity)));
            }

            case "small":
            {
                // A whole 1080×2400 screenshot with the code shrunk: modules from 2.2 down to 0.9 px.
                var module = 2.2 - (1.3 * severity);
                using var screen = Place(code, 1080, 2400, 0, module / Module, 0, 0, (246, 246, 246), (540, 1500));
                return screen.ToPng();
            }

            case "shadow":
            {
                // A hand's or a phone's shadow across the code: light falling off to between a third and a twentieth of
                // itself over a shorter and shorter distance, some blur, and the sensor's noise (the same in the shade,
                // where there is far less signal).
                using var placed = Place(code, 1000, 1000, turn, 480.0 / code.Width, 0, 0, (235, 235, 235));
                using var soft = placed.Adjust(0.9);
                var raster = Raster.From(soft);
                Shade(raster, 0.33 - (0.28 * severity), turn, 420 - (300 * severity));
                raster.Noise(4, random);
                return raster.ToJpeg(90);
            }

            default:
            {
                // A photo of another phone's screen: everything a little worse together as severity grows.
                var tilt = 0.0002 + (0.0005 * severity);
                using var placed = Place(code, 1200, 1200, turn, (420 - (120 * severity)) / code.Width, tilt * Math.Cos(turn), tilt * Math.Sin(turn), (40, 40, 40));
                using var soft = placed.Adjust(0.8 + (1.6 * severity), 0.75 - (0.35 * severity), 20);
                var raster = Raster.From(soft);
                raster.Noise(6 + (18 * severity), random);
                return raster.ToJpeg((int)Math.Round(80 - (50 * severity)));
            }
        }
    }

    private static VisionImage Code(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var loaded = ImageLoader.Load(new PngByteQRCode(data).GetGraphic((int)Module));
        return loaded.Image!.Adjust();  // a copy that outlives the loader
    }

    // The code's centre at (cx, cy) (the canvas centre by default), turned, scaled and seen in perspective (tx, ty).
    private static VisionImage Place(VisionImage code, int width, int height, double degrees, double scale, double tx, double ty,
        (byte R, byte G, byte B) background, (double X, double Y)? centre = null)
    {
        var (cx, cy) = centre ?? (width / 2.0, height / 2.0);
        var t = degrees * Math.PI / 180;
        var (c, s) = (Math.Cos(t) * scale, Math.Sin(t) * scale);
        var (hx, hy) = (code.Width / 2.0, code.Height / 2.0);
        // Rows of: rotate-and-move · perspective · centre the code at the origin.
        double[] m =
        [
            c + (cx * tx), -s + (cx * ty), 0,
            s + (cy * tx), c + (cy * ty), 0,
            tx, ty, 1,
        ];
        m[2] = cx - (m[0] * hx) - (m[1] * hy);
        m[5] = cy - (m[3] * hx) - (m[4] * hy);
        m[8] = 1 - (tx * hx) - (ty * hy);
        return code.Warp(m, width, height, background);
    }

    // Light falling off along the direction `degrees`, across a band `width` px wide through the centre: full on one
    // side, `darkest` on the other.
    private static void Shade(Raster raster, double darkest, double degrees, double width)
    {
        var t = degrees * Math.PI / 180;
        var (dx, dy) = (Math.Cos(t), Math.Sin(t));
        for (var y = 0; y < raster.Height; y++)
        {
            for (var x = 0; x < raster.Width; x++)
            {
                var along = ((((x - (raster.Width / 2.0)) * dx) + ((y - (raster.Height / 2.0)) * dy)) / width) + 0.5;
                var light = 1 - ((1 - darkest) * Math.Clamp(along, 0, 1));
                var i = ((y * raster.Width) + x) * 3;
                for (var k = 0; k < 3; k++)
                {
                    raster.Bgr[i + k] = (byte)(raster.Bgr[i + k] * light);
                }
            }
        }
    }
}
