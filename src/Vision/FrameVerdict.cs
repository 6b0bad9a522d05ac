namespace Photocollect.Vision;

/// <summary>The guide's verdict on one preview frame.</summary>
/// <param name="Framing">Where the face stands against the guide.</param>
/// <param name="Face">The largest face's box as fractions of the frame's width and height (0–1), or null.</param>
/// <param name="Faces">Faces of a portrait's size found (at least half as wide as the largest).</param>
/// <param name="Error">Why the frame is not a usable image (then nothing was detected), or null.</param>
public sealed record FrameVerdict(Framing Framing, RectF? Face, int Faces, ImageError? Error = null);
