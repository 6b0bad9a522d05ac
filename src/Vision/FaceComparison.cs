namespace Photocollect.Vision;

/// <summary>
/// Classic face comparison: both faces aligned by their landmarks (eyes level, same width), then LBP histograms
/// compared by chi-square distance (OpenCV contrib's LBPH). No model download; honest accuracy figures for the small
/// corpus available are in docs/vision-checks.md. It flags photos for a reviewer; it does not decide alone.
/// </summary>
public static class FaceComparison
{
    /// <summary>Distance at which the score is one half (the score is <c>1 / (1 + distance / ScaleDistance)</c>).</summary>
    public const double ScaleDistance = 90;

    /// <summary>Default "same person" threshold on the score, calibrated on the corpus.</summary>
    public const double DefaultThreshold = 0.46;

    /// <summary>Compares two image files' bytes.</summary>
    public static Comparison Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, double threshold = DefaultThreshold, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        using var first = PhotoAnalyzer.Load(a, options).Loaded;
        using var second = PhotoAnalyzer.Load(b, options).Loaded;
        if (first.Image is null || second.Image is null)
        {
            return new(null, false, null, first.Image is null ? "a: " + first.Error!.Value.Name() : "b: " + second.Error!.Value.Name());
        }

        return Compare(first.Image, second.Image, threshold, options);
    }

    /// <summary>Compares two decoded images (each aligned as <see cref="Align(VisionImage, AnalysisOptions?)"/> does).</summary>
    public static Comparison Compare(VisionImage a, VisionImage b, double threshold = DefaultThreshold, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new AnalysisOptions();
        var first = Align(a, options);
        var second = Align(b, options);
        if (first is null || second is null)
        {
            return new(null, false, null, first is null ? "a: no_face" : "b: no_face");
        }

        return Compare(first, second, threshold);
    }

    /// <summary>
    /// Compares two aligned faces: a photo's (<see cref="PhotoAnalysis.Face"/>, found by its check) with a kept one,
    /// without decoding or detecting anything again.
    /// </summary>
    public static unsafe Comparison Compare(AlignedFace a, AlignedFace b, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double distance;
        fixed (byte* first = a.Pixels)
        fixed (byte* second = b.Pixels)
        {
            Native.Check(Native.CompareAligned(first, second, out distance), "compare_aligned");
        }

        var score = 1 / (1 + (distance / ScaleDistance));
        return new(Math.Round(score, 4), score >= threshold, Math.Round(distance, 2), null);
    }

    /// <summary>The largest face of an image aligned for comparison (one detection and landmarks), or null when it has none.</summary>
    public static unsafe AlignedFace? Align(VisionImage image, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new AnalysisOptions();
        var face = new byte[AlignedFace.Length];
        var found = 0;
        fixed (byte* pixels = face)
        {
            var target = pixels;
            Native.Check(PhotoAnalyzer.WithNativeOptions(options, o => Native.AlignFace(image, o, target, out found)), "align_face");
        }

        return found == 1 ? AlignedFace.FromBytes(face) : null;
    }

    /// <summary>
    /// An image file's largest face aligned for comparison, decoded at the size the check uses; null with
    /// <paramref name="error"/> saying why (an <see cref="ImageError"/> name, or <c>no_face</c>).
    /// </summary>
    public static AlignedFace? Align(ReadOnlySpan<byte> bytes, out string? error, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        using var loaded = PhotoAnalyzer.Load(bytes, options).Loaded;
        if (loaded.Image is null)
        {
            error = loaded.Error!.Value.Name();
            return null;
        }

        var face = Align(loaded.Image, options);
        error = face is null ? "no_face" : null;
        return face;
    }
}
