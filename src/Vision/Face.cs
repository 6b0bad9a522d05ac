namespace Photocollect.Vision;

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
