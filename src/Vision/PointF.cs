namespace Photocollect.Vision;

/// <summary>A point in image pixels.</summary>
/// <param name="X">From the left.</param>
/// <param name="Y">From the top.</param>
public readonly record struct PointF(float X, float Y);
