namespace Photocollect.Vision;

/// <summary>
/// The admission-photo comparison: both faces aligned by their landmarks (<see cref="AlignedFace"/>), turned into
/// embeddings by a face-recognition model (HSE FaceRes, decision 013) and compared by their cosine. The threshold was
/// chosen on the genuine and impostor pairs of real photos in docs/vision-checks.md. It flags photos for a reviewer;
/// it does not reject alone.
/// </summary>
public static class FaceComparison
{
    /// <summary>Default "same person" threshold on the score (the embeddings' cosine).</summary>
    public const double DefaultThreshold = 0.55;

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

        return Compare(first, second, threshold, options);
    }

    /// <summary>
    /// Compares two aligned faces: a photo's (<see cref="PhotoAnalysis.Face"/>, found by its check) with another one,
    /// without decoding or detecting anything again.
    /// </summary>
    public static Comparison Compare(AlignedFace a, AlignedFace b, double threshold = DefaultThreshold, AnalysisOptions? options = null) =>
        Compare(Embed(a, options), Embed(b, options), threshold);

    /// <summary>Compares two faces' embeddings (an admission photo's is kept, see <see cref="FaceEmbedding.ToBytes"/>).</summary>
    public static Comparison Compare(FaceEmbedding a, FaceEmbedding b, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var cosine = a.Similarity(b);
        var score = Math.Round(Math.Max(0, cosine), 4);
        return new(score, score >= threshold, Math.Round(cosine, 4), null);
    }

    /// <summary>
    /// A face's embedding by the model <paramref name="options"/> name (one model run on one core). Throws
    /// <see cref="InvalidOperationException"/> when the model cannot be loaded or run (a deployment without its model
    /// files): the caller goes on without a comparison rather than failing the photo.
    /// </summary>
    public static FaceEmbedding Embed(AlignedFace face, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        var model = (options ?? new AnalysisOptions()).Models.FaceRecognition;
        try
        {
            return Models.FaceEmbedder.For(model).Embed(face);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            throw new InvalidOperationException($"The face model {model} could not be loaded or run: {e.Message}", e);
        }
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
