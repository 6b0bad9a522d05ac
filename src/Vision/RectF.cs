namespace Photocollect.Vision;

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
