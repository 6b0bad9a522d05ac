namespace Photocollect.Vision;

/// <summary>Frontal face and eye detection (OpenCV Haar cascades: fast on one core, no model downloads).</summary>
public static class Faces
{
    private const int Capacity = 16;

    /// <summary>Every frontal face, largest first.</summary>
    public static unsafe IReadOnlyList<Face> Detect(VisionImage image, FaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new FaceOptions();
        var buffer = stackalloc NativeFace[Capacity];
        Native.Check(Native.DetectFaces(image, options.ModelDirectory, options.MaxSide, options.MinFace, buffer, Capacity, out var count), "detect_faces");
        var faces = new List<Face>(Math.Min(count, Capacity));
        for (var i = 0; i < Math.Min(count, Capacity); i++)
        {
            var f = buffer[i];
            faces.Add(new Face(
                new RectF(f.X, f.Y, f.Width, f.Height),
                (f.Eyes & 1) != 0 ? new PointF(f.Eye1X, f.Eye1Y) : null,
                (f.Eyes & 2) != 0 ? new PointF(f.Eye2X, f.Eye2Y) : null));
        }

        return faces;
    }

    /// <summary>
    /// Every upright frontal face box, largest first, without eyes and without looking at turned copies: the quick look
    /// a live preview frame needs (a few milliseconds at 240×320; <see cref="Detect"/> costs several times more).
    /// </summary>
    public static unsafe IReadOnlyList<RectF> Find(VisionImage image, FaceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new FaceOptions();
        var buffer = stackalloc NativeFace[Capacity];
        Native.Check(Native.FindFaces(image, options.ModelDirectory, options.MaxSide, options.MinFace, buffer, Capacity, out var count), "find_faces");
        var boxes = new List<RectF>(Math.Min(count, Capacity));
        for (var i = 0; i < Math.Min(count, Capacity); i++)
        {
            boxes.Add(new RectF(buffer[i].X, buffer[i].Y, buffer[i].Width, buffer[i].Height));
        }

        return boxes;
    }
}
