namespace Photocollect.Vision;

/// <summary>
/// Makes the photo the school receives: background replaced by the layout's colour, head upright and placed so the
/// hair top, eye line and face width fall inside their ranges, 480×640 JPEG of 30–200 KB at quality ≥ 60.
/// </summary>
public static class StandardPhoto
{
    /// <summary>Smallest and largest file, bytes (upload channels ask for ≥ 30 KB; CHSI's own limit is far higher).</summary>
    public static readonly (int Min, int Max) FileSize = (30 * 1024, 200 * 1024);

    /// <summary>Lowest JPEG quality allowed by the standard.</summary>
    public const int MinQuality = 60;

    /// <summary>Standardises an image file's bytes.</summary>
    public static StandardPhotoResult Create(ReadOnlySpan<byte> bytes, AnalysisOptions? options = null, CheckThresholds? thresholds = null)
    {
        options ??= new AnalysisOptions();
        var (loaded, reduce) = PhotoAnalyzer.Load(bytes, options);
        using var _ = loaded;
        if (loaded.Image is null)
        {
            return new(null, 0, new CheckReport(false, [], loaded.Error, null));
        }

        var (analysis, standard) = PhotoAnalyzer.AnalyzeAndRender(loaded.Image, options, reduce);
        using (standard)
        {
            var report = PhotoCheck.Evaluate(analysis, thresholds);
            if (standard is null)
            {
                return new(null, 0, report);
            }

            var (jpeg, quality) = Encode(standard, options.Layout.Dpi);
            return new(jpeg, quality, report);
        }
    }

    /// <summary>JPEG at the highest quality (≤ 95) that stays under the size ceiling, raised when under the floor.</summary>
    public static (byte[] Jpeg, int Quality) Encode(VisionImage image, int dpi)
    {
        ArgumentNullException.ThrowIfNull(image);
        var quality = 95;
        var jpeg = image.ToJpeg(quality, dpi);
        while (jpeg.Length > FileSize.Max && quality > MinQuality)
        {
            quality = Math.Max(MinQuality, quality - 5);
            jpeg = image.ToJpeg(quality, dpi);
        }

        if (jpeg.Length < FileSize.Min)
        {
            // A very plain photo compresses below the floor even at 95: store it at 100.
            quality = 100;
            jpeg = image.ToJpeg(quality, dpi);
        }

        return (jpeg, quality);
    }
}
