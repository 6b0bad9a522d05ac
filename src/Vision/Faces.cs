namespace Photocollect.Vision;

/// <summary>A point in image pixels.</summary>
/// <param name="X">From the left.</param>
/// <param name="Y">From the top.</param>
public readonly record struct PointF(float X, float Y);

/// <summary>A rectangle in image pixels.</summary>
/// <param name="X">Left.</param>
/// <param name="Y">Top.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct RectF(float X, float Y, float Width, float Height)
{
    /// <summary>The centre.</summary>
    public PointF Center => new(X + (Width / 2), Y + (Height / 2));
}

/// <summary>A frontal face and, when found, its eyes (image-left first).</summary>
/// <param name="Box">The face box.</param>
/// <param name="LeftEye">The eye on the image's left (the person's right eye), if found.</param>
/// <param name="RightEye">The eye on the image's right (the person's left eye), if found.</param>
public sealed record Face(RectF Box, PointF? LeftEye, PointF? RightEye)
{
    /// <summary>Both eyes were found.</summary>
    public bool HasBothEyes => LeftEye is not null && RightEye is not null;

    /// <summary>Head roll in degrees from the eye line (positive: the image-right eye is lower), or null without both eyes.</summary>
    public double? RollDegrees => LeftEye is { } l && RightEye is { } r
        ? Math.Atan2(r.Y - l.Y, r.X - l.X) * 180 / Math.PI
        : null;
}

/// <summary>Options of face detection.</summary>
public sealed record FaceOptions
{
    /// <summary>Folder with OpenCV's Haar cascades (Debian package opencv-data).</summary>
    public string ModelDirectory { get; init; } = "/usr/share/opencv4/haarcascades";

    /// <summary>Detection runs on a copy at most this long on its long side (speed; faces in ID photos are large).</summary>
    public int MaxSide { get; init; } = 800;

    /// <summary>Smallest face searched for, as a fraction of the image's short side.</summary>
    public double MinFace { get; init; } = 0.05;
}

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
}
