namespace Photocollect.Vision;

/// <summary>Limits of what is decoded.</summary>
public sealed record ImageLimits
{
    /// <summary>Largest file accepted (bytes). Phone JPEGs are 2–8 MB.</summary>
    public long MaxBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>Most pixels a JPEG header may declare. Phones save 12–50 megapixels (108 MP sensors bin to 12 by default).</summary>
    public long MaxPixels { get; init; } = 50_000_000;

    /// <summary>
    /// Most pixels a PNG header may declare. PNGs are screenshots here (a 1440×3200 phone screen is 4.6 MP); OpenCV
    /// cannot decode PNG at a reduced size, so a small file declaring a huge frame would otherwise cost its full
    /// allocation (the fuzz test found that path).
    /// </summary>
    public long MaxPngPixels { get; init; } = 16_000_000;

    /// <summary>Longest side a header may declare; phone sensors stay under 16,000 px, panoramas are not ID photos.</summary>
    public int MaxSide { get; init; } = 20_000;
}
