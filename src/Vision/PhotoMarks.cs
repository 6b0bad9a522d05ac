namespace Photocollect.Vision;

/// <summary>
/// Where things are on a checked photo, for drawing over it what a failed check measured: the face box, the eyes, the
/// standard photo's area (inside it, in standard-photo pixels, where the hair top and the eye line belong) and the
/// background cells that are not plain. Lengths are photo pixels.
/// </summary>
/// <param name="Width">Photo width.</param>
/// <param name="Height">Photo height.</param>
/// <param name="Face">The largest face's box, or null.</param>
/// <param name="Eyes">The eye centres (image-left first), or empty.</param>
/// <param name="Crop">The standard photo's area: top-left, top-right, bottom-right, bottom-left; or empty.</param>
/// <param name="Background">Indices (row by row, <see cref="Columns"/> wide) of the cells over <paramref name="Crop"/> that are mostly not plain background.</param>
public sealed record PhotoMarks(int Width, int Height, RectF? Face, IReadOnlyList<PointF> Eyes, IReadOnlyList<PointF> Crop, IReadOnlyList<int> Background)
{
    /// <summary>Columns of the background grid.</summary>
    public const int Columns = 24;

    /// <summary>Rows of the background grid.</summary>
    public const int Rows = 32;

    // A cell counts when at least a quarter of it is foreign content.
    private const byte CellShare = 64;

    /// <summary>The marks of an analysis.</summary>
    public static PhotoMarks From(PhotoAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var points = analysis.Landmarks;
        IReadOnlyList<PointF> eyes = points.Count == 68 ? [Mean(points, 36), Mean(points, 42)] : [];
        var cells = analysis.BackgroundMarks is { } marks
            ? Enumerable.Range(0, marks.Count).Where(i => marks[i] >= CellShare).ToList()
            : [];
        return new PhotoMarks(analysis.Width, analysis.Height, analysis.FaceBox, eyes, analysis.CropCorners ?? [], cells);
    }

    private static PointF Mean(IReadOnlyList<PointF> points, int first)
    {
        float x = 0, y = 0;
        for (var i = first; i < first + 6; i++)
        {
            x += points[i].X;
            y += points[i].Y;
        }

        return new PointF(x / 6, y / 6);
    }
}
