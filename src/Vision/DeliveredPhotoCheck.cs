namespace Photocollect.Vision;

/// <summary>
/// Re-checks a finished photo file against the output spec before it leaves (VISION-SPEC "The output photo"): JPEG,
/// the layout's size, a file size inside <see cref="StandardPhoto.FileSize"/>, and a border band of the layout's
/// background colour (ΔE*ab ≤ <see cref="MaxBackgroundDeltaE"/> for at least <see cref="MinBackgroundShare"/> of it).
/// </summary>
public static class DeliveredPhotoCheck
{
    /// <summary>Largest colour difference (CIE76 ΔE*ab) from the layout's background a border pixel may have.</summary>
    public const double MaxBackgroundDeltaE = 5;

    /// <summary>Share of the border band that must be within <see cref="MaxBackgroundDeltaE"/>.</summary>
    public const double MinBackgroundShare = 0.95;

    /// <summary>The problems of one file, by name.</summary>
    public enum Problem
    {
        /// <summary>Not a JPEG, or it does not decode.</summary>
        NotJpeg,

        /// <summary>Not the layout's width × height.</summary>
        WrongSize,

        /// <summary>File under or over the size limits.</summary>
        FileSize,

        /// <summary>The border band is not the background colour.</summary>
        Background,
    }

    /// <summary>What was measured, and what is out of spec.</summary>
    /// <param name="Width">Width in pixels, or 0.</param>
    /// <param name="Height">Height in pixels, or 0.</param>
    /// <param name="Bytes">File size.</param>
    /// <param name="BackgroundShare">Share of the border band within ΔE 5 of the background (0–1).</param>
    /// <param name="BackgroundDeltaE">Median ΔE of the border band from the background.</param>
    /// <param name="Problems">What is out of spec; empty when the file is good.</param>
    public sealed record Result(int Width, int Height, int Bytes, double BackgroundShare, double BackgroundDeltaE, IReadOnlyList<Problem> Problems)
    {
        /// <summary>True when nothing is out of spec.</summary>
        public bool Passed => Problems.Count == 0;
    }

    /// <summary>Checks one file.</summary>
    public static Result Check(ReadOnlySpan<byte> file, StandardLayout? layout = null)
    {
        layout ??= new StandardLayout();
        var problems = new List<Problem>();
        if (file.Length < StandardPhoto.FileSize.Min || file.Length > StandardPhoto.FileSize.Max)
        {
            problems.Add(Problem.FileSize);
        }

        var header = ImageHeader.Read(file);
        if (header.Format != ImageFormat.Jpeg)
        {
            problems.Insert(0, Problem.NotJpeg);
            return new(header.Width ?? 0, header.Height ?? 0, file.Length, 0, double.NaN, problems);
        }

        var (width, height) = (header.Width ?? 0, header.Height ?? 0);
        if (width != layout.Width || height != layout.Height)
        {
            problems.Add(Problem.WrongSize);
        }

        // Decoded at a quarter of the side (the JPEG decoder scales for free): the band is wide enough for that.
        using var loaded = ImageLoader.Load(file, reduce: 4);
        if (loaded.Image is null)
        {
            problems.Insert(0, Problem.NotJpeg);
            return new(width, height, file.Length, 0, double.NaN, problems);
        }

        var (share, median) = Band(loaded.Image, layout.Background);
        if (share < MinBackgroundShare)
        {
            problems.Add(Problem.Background);
        }

        return new(width, height, file.Length, share, median, problems);
    }

    // The border band: the top 8 % of the height across the whole width, and 8 % of the width on each side down to
    // 40 % of the height (above the shoulders, where only background belongs).
    private static (double Share, double Median) Band(VisionImage image, (byte R, byte G, byte B) background)
    {
        var (w, h) = (image.Width, image.Height);
        var bgr = image.ToBgr();
        var target = Lab(background.R, background.G, background.B);
        var top = Math.Max(1, (int)(h * 0.08));
        var side = Math.Max(1, (int)(w * 0.08));
        var deep = Math.Max(top, (int)(h * 0.40));
        var deltas = new List<double>(w * top + (2 * side * (deep - top)));
        for (var y = 0; y < deep; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (y >= top && x >= side && x < w - side)
                {
                    continue;
                }

                var i = ((y * w) + x) * 3;
                var lab = Lab(bgr[i + 2], bgr[i + 1], bgr[i]);
                deltas.Add(Math.Sqrt(Square(lab.L - target.L) + Square(lab.A - target.A) + Square(lab.B - target.B)));
            }
        }

        deltas.Sort();
        var within = deltas.Count(d => d <= MaxBackgroundDeltaE);
        return ((double)within / deltas.Count, deltas[deltas.Count / 2]);
    }

    private static double Square(double v) => v * v;

    // sRGB (D65) → CIE L*a*b*.
    private static (double L, double A, double B) Lab(byte r, byte g, byte b)
    {
        static double Linear(byte c)
        {
            var v = c / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : ((24389.0 / 27 * t) + 16) / 116;

        var (rl, gl, bl) = (Linear(r), Linear(g), Linear(b));
        var x = ((0.4124 * rl) + (0.3576 * gl) + (0.1805 * bl)) / 0.95047;
        var y = (0.2126 * rl) + (0.7152 * gl) + (0.0722 * bl);
        var z = ((0.0193 * rl) + (0.1192 * gl) + (0.9505 * bl)) / 1.08883;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return ((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }
}
