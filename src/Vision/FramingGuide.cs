namespace Photocollect.Vision;

/// <summary>
/// The live camera's guide: where a face should sit in the 3:4 preview for the check (初审) and the standard photo to
/// come out right, and a verdict on one small preview frame. It runs only the Haar face cascade on a frame of at most
/// <see cref="MaxFrameSide"/> px (no landmarks, no matte: a few milliseconds), so the page can tell the student before
/// the shutter whether to come closer, move back or move into the oval. The check after the shutter still decides.
/// <para>
/// The window is calibrated against the check on the generated corpus (<c>VisionLab framing</c>, docs/vision-checks.md):
/// a face the guide calls <see cref="Framing.Good"/> passes face_size, face_position and resolution at 720×960.
/// </para>
/// </summary>
public static class FramingGuide
{
    /// <summary>Largest frame accepted, in bytes (a 240×320 JPEG is 8–20 KB).</summary>
    public const int MaxFrameBytes = 128 * 1024;

    /// <summary>Longest side of a frame accepted, in pixels.</summary>
    public const int MaxFrameSide = 640;

    /// <summary>The head oval the page draws, as fractions of the frame: centre and radii.</summary>
    public static (double X, double Y, double RadiusX, double RadiusY) Oval { get; } = (0.5, 0.38, 0.24, 0.24);

    /// <summary>Where the face box's centre belongs, as fractions of the frame.</summary>
    public static (double X, double Y) Centre { get; } = (0.5, 0.44);

    /// <summary>How far the face box's centre may stray from <see cref="Centre"/>, as fractions of the frame (an ellipse).</summary>
    public static (double X, double Y) Tolerance { get; } = (0.07, 0.065);

    /// <summary>The face box's width, as a fraction of the frame's width, that the guide accepts.</summary>
    public static (double Min, double Max) Width { get; } = (0.30, 0.48);

    private static readonly ImageLimits FrameLimits = new() { MaxBytes = MaxFrameBytes, MaxSide = MaxFrameSide, MaxPixels = MaxFrameSide * MaxFrameSide, MaxPngPixels = MaxFrameSide * MaxFrameSide };

    // Detection runs on a copy at most 320 px long, and faces narrower than a tenth of the frame are not looked for:
    // the cascade's cost grows with every pixel and every smaller scale, and such a face is far from the guide's size.
    private static readonly FaceOptions FrameFaces = new() { MaxSide = 320, MinFace = 0.10 };

    /// <summary>Judges a JPEG or PNG preview frame; a frame over the limits is refused before decoding.</summary>
    public static FrameVerdict Judge(ReadOnlySpan<byte> frame)
    {
        using var loaded = ImageLoader.Load(frame, FrameLimits);
        return loaded.Image is { } image ? Judge(image) : new FrameVerdict(Framing.NoFace, null, 0, loaded.Error);
    }

    /// <summary>Judges a decoded preview frame (at most <see cref="MaxFrameSide"/> px a side is assumed, not checked).</summary>
    public static FrameVerdict Judge(VisionImage frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var faces = Faces.Find(frame, FrameFaces);
        if (faces.Count == 0)
        {
            return new FrameVerdict(Framing.NoFace, null, 0);
        }

        var (width, height) = ((float)frame.Width, (float)frame.Height);
        var largest = faces[0];
        // As the check counts: a face under half the width of the largest is a false detection far more often than a
        // second person.
        var count = faces.Count(f => f.Width * 2 >= largest.Width);
        var box = new RectF(largest.X / width, largest.Y / height, largest.Width / width, largest.Height / height);
        return new FrameVerdict(count > 1 ? Framing.SeveralFaces : Place(box), box, count);
    }

    /// <summary>Where a face box (fractions of the frame) stands against the guide.</summary>
    public static Framing Place(RectF box)
    {
        var dx = (box.Center.X - Centre.X) / Tolerance.X;
        var dy = (box.Center.Y - Centre.Y) / Tolerance.Y;
        if ((dx * dx) + (dy * dy) > 1)
        {
            return Framing.Outside;
        }

        return box.Width < Width.Min ? Framing.TooSmall
            : box.Width > Width.Max ? Framing.TooLarge
            : Framing.Good;
    }
}
