
namespace Photocollect.Vision;

/// <summary>The photo the school receives (CHSI 学历证书电子注册图像): size, head placement, background.</summary>
public sealed record StandardLayout
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 480;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 640;

    /// <summary>Top of the hair from the top edge, pixels.</summary>
    public (float Min, float Max) HairTop { get; init; } = (50, 110);

    /// <summary>Eye line from the top edge, pixels.</summary>
    public (float Min, float Max) EyeLine { get; init; } = (200, 300);

    /// <summary>Face width (cheek to cheek), pixels.</summary>
    public (float Min, float Max) FaceWidth { get; init; } = (180, 300);

    /// <summary>Background colour (light blue).</summary>
    public (byte R, byte G, byte B) Background { get; init; } = (100, 197, 255);

    /// <summary>Resolution written in the JPEG header.</summary>
    public int Dpi { get; init; } = 300;
}
