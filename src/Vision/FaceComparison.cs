namespace Photocollect.Vision;

/// <summary>The comparison of a photo with the admission photo (录取照片).</summary>
/// <param name="Score">Similarity, 0 (unlike) to 1 (identical), or null when a face is missing.</param>
/// <param name="Same">Whether the score reaches the threshold ("same person").</param>
/// <param name="Distance">The raw LBP chi-square distance.</param>
/// <param name="Error">Why there is no score: which image has no usable face or is not an image.</param>
public sealed record Comparison(double? Score, bool Same, double? Distance, string? Error);

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

    /// <summary>Compares two decoded images.</summary>
    public static unsafe Comparison Compare(VisionImage a, VisionImage b, double threshold = DefaultThreshold, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= new AnalysisOptions();
        var distance = 0.0;
        var found = 0;
        Native.Check(PhotoAnalyzer.WithNativeOptions(options, o => Native.CompareFaces(a, b, o, out distance, out found)), "compare_faces");
        if (found != 3)
        {
            return new(null, false, null, (found & 1) == 0 ? "a: no_face" : "b: no_face");
        }

        var score = 1 / (1 + (distance / ScaleDistance));
        return new(Math.Round(score, 4), score >= threshold, Math.Round(distance, 2), null);
    }
}
