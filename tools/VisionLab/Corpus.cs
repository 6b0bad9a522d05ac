using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>A person cut out of a portrait (GrabCut), with the landmarks of the face.</summary>
/// <param name="Name">The source file's name.</param>
/// <param name="Image">The portrait, padded below by repeating its last row (so a placed body reaches the frame's bottom).</param>
/// <param name="Alpha">Coverage of the person, 0–1 per pixel.</param>
/// <param name="Landmarks">The face's 68 landmarks.</param>
public sealed record Person(string Name, Raster Image, float[] Alpha, IReadOnlyList<PointF> Landmarks)
{
    /// <summary>Midpoint between the eyes.</summary>
    public PointF EyeMid => Mid(36, 47);

    /// <summary>Cheek-to-cheek width.</summary>
    public double JawWidth => Distance(Landmarks[0], Landmarks[16]);

    /// <summary>The chin.</summary>
    public PointF Chin => Landmarks[8];

    /// <summary>Mean of landmarks from..to.</summary>
    public PointF Mid(int from, int to)
    {
        var points = Landmarks.Skip(from).Take(to - from + 1).ToList();
        return new PointF(points.Average(p => p.X), points.Average(p => p.Y));
    }

    /// <summary>Cuts the person out of a portrait photo.</summary>
    public static Person Load(string file, bool closeMouth)
    {
        var bytes = File.ReadAllBytes(file);
        using var loaded = ImageLoader.Load(bytes);
        var image = loaded.Image ?? throw new InvalidDataException($"{file}: {loaded.Error}");
        var analysis = PhotoAnalyzer.Analyze(image);
        if (analysis.Landmarks.Count != 68)
        {
            throw new InvalidDataException($"{file}: no face with landmarks");
        }

        var l = analysis.Landmarks;
        var jaw = Distance(l[0], l[16]);
        var eyes = new PointF((l[36].X + l[45].X) / 2, (l[36].Y + l[45].Y) / 2);
        var chin = l[8];
        var source = Raster.From(image);
        if (closeMouth)
        {
            CloseMouth(source, l);
        }

        // GrabCut from a trimap drawn from the landmarks: surely background far outside the head and shoulders,
        // surely the person on the face and down the middle of the body, probably the person around them.
        const byte Bgd = 0, Fgd = 1, PrBgd = 2, PrFgd = 3;
        var trimap = new Raster(image.Width, image.Height, (PrBgd, PrBgd, PrBgd));
        trimap.Paint((x, y) => x < l[0].X - jaw || x > l[16].X + jaw || y < eyes.Y - (1.6 * jaw) ? (Bgd, Bgd, Bgd) : (PrBgd, PrBgd, PrBgd));
        trimap.Ellipse(eyes.X, eyes.Y - (0.25 * jaw), 0.75 * jaw, 1.05 * jaw, (PrFgd, PrFgd, PrFgd));
        for (var y = chin.Y; y < image.Height; y += 4)
        {
            var half = Math.Min(1.0, 0.35 + ((y - chin.Y) * 1.2 / jaw)) * jaw;
            trimap.Rectangle(eyes.X - half, y, 2 * half, 4, (PrFgd, PrFgd, PrFgd));
        }

        trimap.Ellipse(l[30].X, (l[27].Y + l[8].Y) / 2, 0.42 * jaw, 0.55 * jaw, (Fgd, Fgd, Fgd));
        trimap.Rectangle(eyes.X - (0.25 * jaw), chin.Y + (0.3 * jaw), 0.5 * jaw, image.Height, (Fgd, Fgd, Fgd));
        using var sourceImage = source.ToImage();
        using var trimapImage = trimap.ToImage();
        using var mask = PhotoAnalyzer.GrabCut(sourceImage, trimapImage, 5);
        using var soft = mask.Adjust(blurSigma: 1.2);
        var coverage = Raster.From(soft);

        // Pad below: the body continues down to any frame it is placed in.
        var pad = image.Height * 2;
        var padded = new Raster(image.Width, image.Height + pad);
        var alpha = new float[image.Width * (image.Height + pad)];
        var row = image.Width * 3;
        for (var y = 0; y < image.Height + pad; y++)
        {
            var from = Math.Min(y, image.Height - 1);
            Array.Copy(source.Bgr, from * row, padded.Bgr, y * row, row);
            for (var x = 0; x < image.Width; x++)
            {
                alpha[(y * image.Width) + x] = coverage.Bgr[((from * image.Width) + x) * 3] / 255f;
            }
        }

        return new Person(Path.GetFileName(file), padded, alpha, l);
    }

    /// <summary>Paints the inside of the lips with the lower lip's colour (a smile with teeth becomes closed lips).</summary>
    private static void CloseMouth(Raster photo, IReadOnlyList<PointF> l)
    {
        var lip = ((0.75 * l[57].X) + (0.25 * l[66].X), (0.75 * l[57].Y) + (0.25 * l[66].Y));
        var i = (((int)lip.Item2 * photo.Width) + (int)lip.Item1) * 3;
        var colour = (photo.Bgr[i + 2], photo.Bgr[i + 1], photo.Bgr[i]);
        var mid = new PointF((l[60].X + l[64].X) / 2, (l[62].Y + l[66].Y) / 2);
        photo.Ellipse(mid.X, mid.Y, Distance(l[60], l[64]) * 0.55, Math.Max(3, Distance(l[62], l[66]) * 0.6), colour);
    }

    internal static double Distance(PointF a, PointF b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}

/// <summary>How to lay out one generated photo.</summary>
public sealed record PhotoSpec
{
    /// <summary>Frame width.</summary>
    public int Width { get; init; } = 1200;

    /// <summary>Frame height.</summary>
    public int Height { get; init; } = 1600;

    /// <summary>Plain background colour.</summary>
    public (byte R, byte G, byte B) Background { get; init; } = (245, 245, 245);

    /// <summary>Face width as a fraction of the frame width.</summary>
    public double FaceWidth { get; init; } = 0.36;

    /// <summary>Eye midpoint, as fractions of the frame.</summary>
    public (double X, double Y) Eyes { get; init; } = (0.5, 0.40);

    /// <summary>Head roll, degrees.</summary>
    public double Roll { get; init; }

    /// <summary>Overall light (1 = as shot).</summary>
    public double Light { get; init; } = 1;

    /// <summary>JPEG quality.</summary>
    public int Quality { get; init; } = 90;
}

/// <summary>
/// The generated corpus: people from ../shared/data/faces cut out and placed on plain backgrounds at phone
/// resolution (good photos), and one defect per check (bad photos). Deterministic for a seed.
/// </summary>
public sealed class Corpus
{
    private readonly Dictionary<string, Person> people;
    private readonly Person smiling;  // the astronaut as photographed: a smile showing teeth

    /// <summary>Loads the people (a GrabCut each, about a second).</summary>
    public Corpus(string facesDirectory)
    {
        people = Sources
            .Select(f => Person.Load(Path.Combine(facesDirectory, f), closeMouth: true))
            .ToDictionary(p => p.Name);
        FacesDirectory = facesDirectory;
        smiling = Person.Load(Path.Combine(facesDirectory, "astronaut.png"), closeMouth: false);
    }

    /// <summary>The portraits in ../shared/data/faces that make good photos (messi5.jpg's face is 37 px: too small).</summary>
    public static readonly IReadOnlyList<string> Sources = ["grace_hopper.jpg", "astronaut.png"];

    /// <summary>Where the source faces are.</summary>
    public string FacesDirectory { get; }

    /// <summary>The people who make good photos.</summary>
    public IReadOnlyCollection<Person> People => people.Values;

    /// <summary>Light backgrounds the standard allows a student to shoot against.</summary>
    public static readonly (byte R, byte G, byte B)[] PlainBackgrounds = [(245, 245, 245), (100, 197, 255), (232, 232, 232), (170, 215, 245), (250, 246, 238)];

    /// <summary>Places a person on a plain background; returns the raster (encode it last) and the placement matrix.</summary>
    public static (Raster Photo, double[] Placement) Render(Person person, PhotoSpec spec, Raster? background = null)
    {
        var photo = background ?? new Raster(spec.Width, spec.Height, spec.Background);
        var placement = Place(person, spec);
        Composite(photo, person, placement);
        if (Math.Abs(spec.Light - 1) > 1e-9)
        {
            photo.Gain(spec.Light, spec.Light, spec.Light);
        }

        return (photo, placement);
    }

    /// <summary>Draws a person into a photo by a placement matrix.</summary>
    public static void Composite(Raster photo, Person person, double[] placement)
    {
        using var source = person.Image.ToImage();
        using var warped = source.Warp(placement, photo.Width, photo.Height, (0, 0, 0));
        var alphaBytes = new byte[person.Alpha.Length * 3];
        for (var i = 0; i < person.Alpha.Length; i++)
        {
            alphaBytes[i * 3] = alphaBytes[(i * 3) + 1] = alphaBytes[(i * 3) + 2] = (byte)(person.Alpha[i] * 255);
        }

        using var alphaImage = VisionImage.FromBgr(alphaBytes, person.Image.Width, person.Image.Height);
        using var alphaWarped = alphaImage.Warp(placement, photo.Width, photo.Height, (0, 0, 0));
        var a = alphaWarped.ToBgr();
        var coverage = new float[photo.Width * photo.Height];
        for (var i = 0; i < coverage.Length; i++)
        {
            coverage[i] = a[i * 3] / 255f;
        }

        photo.Blend(Raster.From(warped), coverage);
    }

    /// <summary>The homography putting the person's eyes at the spec's place with the spec's face width and roll.</summary>
    public static double[] Place(Person person, PhotoSpec spec)
    {
        var scale = spec.FaceWidth * spec.Width / person.JawWidth;
        var t = spec.Roll * Math.PI / 180;
        var (c, s) = (Math.Cos(t) * scale, Math.Sin(t) * scale);
        var eye = person.EyeMid;
        var (tx, ty) = (spec.Eyes.X * spec.Width, spec.Eyes.Y * spec.Height);
        return [c, -s, tx - ((c * eye.X) - (s * eye.Y)), s, c, ty - ((s * eye.X) + (c * eye.Y)), 0, 0, 1];
    }

    /// <summary>Maps a person's point through a placement.</summary>
    public static (double X, double Y) Map(double[] m, PointF p) => ((m[0] * p.X) + (m[1] * p.Y) + m[2], (m[3] * p.X) + (m[4] * p.Y) + m[5]);

    /// <summary>Good photos: every person on every plain background, at varied scale, position, light and quality.</summary>
    public IEnumerable<Sample> Good(int seed = 1)
    {
        var random = new Random(seed);
        var i = 0;
        foreach (var person in people.Values)
        {
            foreach (var bg in PlainBackgrounds)
            {
                var spec = new PhotoSpec
                {
                    Width = random.Next(2) == 0 ? 1200 : 1500,
                    Background = bg,
                    FaceWidth = 0.28 + (random.NextDouble() * 0.12),
                    Eyes = (0.46 + (random.NextDouble() * 0.08), 0.36 + (random.NextDouble() * 0.06)),
                    Roll = (random.NextDouble() * 6) - 3,
                    Light = 0.92 + (random.NextDouble() * 0.16),
                    Quality = 75 + random.Next(21),
                };
                spec = spec with { Height = spec.Width * 4 / 3 };
                yield return new Sample($"good-{++i:00}-{Path.GetFileNameWithoutExtension(person.Name)}", null, Render(person, spec).Photo.ToJpeg(spec.Quality));
            }
        }
    }

    /// <summary>
    /// More good photos, of what must not be taken for a defect: black hair with bangs (most students), earrings,
    /// lightly tinted glasses. Kept apart from <see cref="Good"/>, whose photos the comparison figures are made of.
    /// </summary>
    public IEnumerable<Sample> GoodVariants(int seed = 1)
    {
        var i = 10;
        var astronaut = people["astronaut.png"];
        var dark = PersonEdits.DarkHair(astronaut);
        var extra = new Random(seed + 1000);
        PhotoSpec Varied() => new()
        {
            Background = PlainBackgrounds[extra.Next(PlainBackgrounds.Length)],
            FaceWidth = 0.30 + (extra.NextDouble() * 0.08),
            Eyes = (0.47 + (extra.NextDouble() * 0.06), 0.37 + (extra.NextDouble() * 0.05)),
            Roll = (extra.NextDouble() * 4) - 2,
            Quality = 80 + extra.Next(16),
        };
        Sample Extra(string kind, Person who, PhotoSpec spec, Action<Raster, double[]>? change = null)
        {
            var (photo, placement) = Render(who, spec);
            change?.Invoke(photo, placement);
            return new Sample($"good-{kind}-{++i:00}-{Path.GetFileNameWithoutExtension(who.Name)}", null, photo.ToJpeg(spec.Quality));
        }

        yield return Extra("black-hair", dark, Varied() with { FaceWidth = 0.34, Eyes = (0.5, 0.4) });
        yield return Extra("black-hair", dark, Varied() with { Background = (245, 245, 245) });
        yield return Extra("earrings", dark, Varied() with { FaceWidth = 0.36, Eyes = (0.5, 0.4) }, (photo, m) => Props.Earrings(photo, m, dark));
        yield return Extra("tinted-glasses", astronaut, Varied(), (photo, m) => Props.Glasses(photo, m, astronaut, (0.85, 0.78, 0.7), glare: false));
        yield return Extra("tinted-glasses", dark, Varied(), (photo, m) => Props.Glasses(photo, m, dark, (0.75, 0.8, 0.9), glare: false));
    }

    /// <summary>Bad photos: each has one defect, named by the check that must catch it.</summary>
    public IEnumerable<Sample> Bad(int seed = 2)
    {
        var random = new Random(seed);
        foreach (var person in people.Values)
        {
            var name = Path.GetFileNameWithoutExtension(person.Name);
            var basic = new PhotoSpec();
            Sample Make(string defect, string check, PhotoSpec spec, Action<Raster, double[]>? change = null, Raster? background = null)
            {
                var (photo, placement) = Render(person, spec, background);
                change?.Invoke(photo, placement);
                return new Sample($"{defect}-{name}", check, photo.ToJpeg(spec.Quality));
            }

            yield return new Sample($"no-face-{name}", "face_count", new Raster(1200, 1600, (245, 245, 245)).ToJpeg());
            yield return Make("two-faces", "face_count", basic with { FaceWidth = 0.24, Eyes = (0.28, 0.40) },
                (photo, _) => Composite(photo, person, Place(person, basic with { FaceWidth = 0.24, Eyes = (0.74, 0.42) })));
            yield return Make("too-small", "face_size", basic with { FaceWidth = 0.125, Eyes = (0.5, 0.45) });
            yield return Make("head-cut", "face_position", basic with { Eyes = (0.5, 0.17) });
            yield return Make("off-centre", "face_position", basic with { Eyes = (0.26, 0.42) });
            yield return Make("tilted", "head_pose", basic with { Roll = 18 });
            yield return Make("sunglasses", "eyes_visible", basic, (photo, m) =>
            {
                foreach (var (from, to) in new[] { (36, 41), (42, 47) })
                {
                    var (x, y) = Map(m, person.Mid(from, to));
                    var r = person.JawWidth * m[0] * 0.13;
                    photo.Ellipse(x, y, r * 1.3, r, (15, 15, 20));
                }
            });
            if (person.Name == smiling.Name)
            {
                yield return new Sample($"teeth-{name}", "mouth_closed", Render(smiling, basic).Photo.ToJpeg(basic.Quality));
            }
            else
            {
                yield return Make("teeth", "mouth_closed", basic, (photo, m) =>
                {
                    var (x, y) = Map(m, person.Mid(60, 67));
                    var w = Person.Distance(person.Landmarks[48], person.Landmarks[54]) * m[0];
                    photo.Ellipse(x, y, w * 0.48, w * 0.22, (60, 20, 25));
                    photo.Rectangle(x - (w * 0.36), y - (w * 0.15), w * 0.72, w * 0.13, (240, 238, 230));
                });
            }

            yield return Make("cluttered", "background", basic, background: Clutter(basic, random));
            yield return Make("dark-background", "background", basic with { Background = (40, 40, 48) });
            yield return Make("gradient", "background", basic, background: Gradient(basic));
            yield return Make("dark", "brightness", basic with { Light = 0.35 });
            yield return Make("overexposed", "brightness", basic with { Light = 2.2 });
            yield return Make("side-light", "lighting", basic, (photo, m) => SideLight(photo, m, person));
            yield return Make("blurred", "sharpness", basic, (photo, _) =>
            {
                using var image = photo.ToImage();
                using var blurred = image.Adjust(blurSigma: basic.Width * basic.FaceWidth * 0.02);
                Array.Copy(blurred.ToBgr(), photo.Bgr, photo.Bgr.Length);
            });
            yield return Make("blue-cast", "color_cast", basic, (photo, _) => photo.Gain(0.65, 0.95, 1.35));
            yield return Make("green-cast", "color_cast", basic, (photo, _) => photo.Gain(0.75, 1.25, 0.75));
            yield return Make("tiny", "resolution", basic with { Width = 240, Height = 320, Quality = 92 });
            yield return Make("hand", "extra_content", basic, (photo, m) => Hand(photo, m, person));
            yield return Make("watermark", "extra_content", basic, (photo, _) =>
            {
                var cell = photo.Width / 90.0;
                photo.Text("SAMPLE 2026", photo.Width * 0.05, photo.Height * 0.05, cell, (150, 150, 150));
                photo.Text("COPY", photo.Width * 0.05, photo.Height * 0.62, cell, (150, 150, 150));
            });
            yield return Make("noisy", "image_quality", basic with { Quality = 80 }, (photo, _) => photo.Noise(20, random));
            yield return Make("blocky", "image_quality", basic with { Quality = 6 });
            yield return Make("same-colour-clothes", "clothing_contrast", basic with { Background = (100, 197, 255) }, (photo, m) => Recolour(photo, m, person, (96, 190, 250)));
            yield return Make("strip", "face_size", basic with { Width = 2400, Height = 600, FaceWidth = 0.08, Eyes = (0.5, 0.45) });
        }

        // Issue 18: what passed on real photos and must not.
        foreach (var person in people.Values)
        {
            var name = Path.GetFileNameWithoutExtension(person.Name);
            var basic = new PhotoSpec();
            Sample Make(string defect, string check, Person who, PhotoSpec spec, Action<Raster, double[]>? change = null)
            {
                var (photo, placement) = Render(who, spec);
                change?.Invoke(photo, placement);
                return new Sample($"{defect}-{name}", check, photo.ToJpeg(spec.Quality));
            }

            yield return Make("loose-cutout", "background", PersonEdits.Loosen(person), basic with { FaceWidth = 0.3 });
            // Grace Hopper's own navy uniform cap is not caught (dark like hair): her photos here carry it as before.
            if (person.Name != "grace_hopper.jpg")
            {
                yield return Make("cap", "head_covering", person, basic, (photo, m) => Props.Cap(photo, m, person, (196, 38, 44)));
                yield return Make("white-cap", "head_covering", PersonEdits.DarkHair(person), basic with { Background = (170, 215, 245) },
                    (photo, m) => Props.Cap(photo, m, person, (238, 236, 230)));
            }

            yield return Make("chin-hand", "extra_content", person, basic, (photo, m) => Props.ChinHand(photo, m, person));
        }

        foreach (var sample in Recaptured())
        {
            yield return sample;
        }
    }

    /// <summary>
    /// Photos of a photo (翻拍), defect <c>recaptured</c>: each person's portrait printed (a press print on a desk, an
    /// inkjet print in a hand) and shown on a screen (a phone, a monitor), photographed again (<see cref="Recapture"/>).
    /// </summary>
    public IEnumerable<Sample> Recaptured(int seed = 3)
    {
        var random = new Random(seed);
        foreach (var person in people.Values)
        {
            var name = Path.GetFileNameWithoutExtension(person.Name);
            // What was printed: an ID photo on the blue, or a snapshot on a light wall; what a screen shows: a photo of them.
            var idPhoto = Render(person, new PhotoSpec { Width = 600, Height = 800, Background = (100, 197, 255), FaceWidth = 0.42, Eyes = (0.5, 0.42) }).Photo;
            var snapshot = Render(person, new PhotoSpec { Width = 600, Height = 800, Background = (232, 232, 232), FaceWidth = 0.38 }).Photo;
            yield return new Sample($"recaptured-print-desk-{name}", "recaptured", Recapture.PrintOnDesk(idPhoto, 1200, 1600, random));
            yield return new Sample($"recaptured-print-hand-{name}", "recaptured", Recapture.PrintInHand(snapshot, 1200, 1600, random));
            yield return new Sample($"recaptured-phone-{name}", "recaptured", Recapture.PhoneScreen(snapshot, 1200, 1600, random));
            yield return new Sample($"recaptured-monitor-{name}", "recaptured", Recapture.MonitorScreen(idPhoto, 1500, 2000, random));
        }
    }

    internal static Raster Clutter(PhotoSpec spec, Random random)
    {
        var bg = new Raster(spec.Width, spec.Height, (235, 230, 220));
        for (var i = 0; i < 60; i++)
        {
            var colour = ((byte)random.Next(30, 255), (byte)random.Next(30, 255), (byte)random.Next(30, 255));
            bg.Rectangle(random.Next(spec.Width), random.Next(spec.Height), random.Next(40, 260), random.Next(40, 260), colour);
        }

        return bg;
    }

    private static Raster Gradient(PhotoSpec spec)
    {
        var bg = new Raster(spec.Width, spec.Height);
        bg.Paint((x, _) =>
        {
            var v = (byte)(250 - (150.0 * x / spec.Width));
            return (v, v, v);
        });
        return bg;
    }

    private static void SideLight(Raster photo, double[] m, Person person)
    {
        // Darken everything right of the nose line progressively (a lamp at the left).
        var (nx, _) = Map(m, person.Landmarks[30]);
        var span = person.JawWidth * m[0];
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = (int)Math.Max(0, nx - (span * 0.2)); x < photo.Width; x++)
            {
                var f = 1 - (0.55 * Math.Clamp((x - nx + (span * 0.2)) / (span * 0.5), 0, 1));
                var i = ((y * photo.Width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    photo.Bgr[i + c] = (byte)(photo.Bgr[i + c] * f);
                }
            }
        }
    }

    private static void Hand(Raster photo, double[] m, Person person)
    {
        // A hand raised beside the face: palm and four fingers, in skin colour, coming in from the frame's edge.
        var (x, y) = Map(m, person.Landmarks[16]);
        var s = person.JawWidth * m[0];
        var skin = ((byte)224, (byte)172, (byte)140);
        var cx = x + (s * 0.3);
        photo.Ellipse(cx, y + (s * 0.15), s * 0.28, s * 0.34, skin);
        for (var f = 0; f < 4; f++)
        {
            photo.Ellipse(cx - (s * 0.2) + (f * s * 0.13), y - (s * 0.35), s * 0.055, s * 0.2, skin);
        }

        photo.Rectangle(cx - (s * 0.2), y + (s * 0.3), s * 0.4, photo.Height, skin);
    }

    private static void Recolour(Raster photo, double[] m, Person person, (byte R, byte G, byte B) colour)
    {
        // Below the chin, paint the person (not the background) the given colour, keeping some shading.
        var (_, chinY) = Map(m, person.Chin);
        var (jawL, _) = Map(m, person.Landmarks[0]);
        var (jawR, _) = Map(m, person.Landmarks[16]);
        var start = (int)(chinY + ((jawR - jawL) * 0.25));
        for (var y = Math.Max(0, start); y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var i = ((y * photo.Width) + x) * 3;
                var (b, g, r) = (photo.Bgr[i], photo.Bgr[i + 1], photo.Bgr[i + 2]);
                var isBackground = Math.Abs(b - 255) < 14 && Math.Abs(g - 197) < 14 && Math.Abs(r - 100) < 14;
                if (!isBackground)
                {
                    var shade = 0.92 + (0.08 * (((r + g + b) / 3.0) / 255));
                    (photo.Bgr[i], photo.Bgr[i + 1], photo.Bgr[i + 2]) = ((byte)(colour.B * shade), (byte)(colour.G * shade), (byte)(colour.R * shade));
                }
            }
        }
    }
}

/// <summary>One generated photo.</summary>
/// <param name="Name">File name stem, e.g. <c>good-03-astronaut</c> or <c>hand-grace_hopper</c>.</param>
/// <param name="Defect">The check that must fail, or null for a good photo.</param>
/// <param name="Jpeg">The file.</param>
public sealed record Sample(string Name, string? Defect, byte[] Jpeg);
