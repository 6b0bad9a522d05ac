
namespace Photocollect.Vision;

/// <summary>
/// What one pass over a photo measured. Lengths are pixels of the photo as stored (before any reduced decode);
/// <c>Out*</c> are pixels of the standard photo; colours are CIELAB. Null: not measurable (no face, no background).
/// </summary>
public sealed record PhotoAnalysis
{
    /// <summary>Photo width.</summary>
    public int Width { get; init; }

    /// <summary>Photo height.</summary>
    public int Height { get; init; }

    /// <summary>Frontal faces found.</summary>
    public int FaceCount { get; init; }

    /// <summary>The largest face's box.</summary>
    public RectF? FaceBox { get; init; }

    /// <summary>Its 68 landmarks (iBUG 300-W order), or empty.</summary>
    public IReadOnlyList<PointF> Landmarks { get; init; } = [];

    /// <summary>Head roll (eye line), yaw and pitch, degrees.</summary>
    public double? Roll { get; init; }

    /// <inheritdoc cref="Roll"/>
    public double? Yaw { get; init; }

    /// <inheritdoc cref="Roll"/>
    public double? Pitch { get; init; }

    /// <summary>Eye aspect ratios (open ≈ 0.25–0.35, closed &lt; 0.15), image-left and image-right.</summary>
    public (double Left, double Right)? EyeOpenness { get; init; }

    /// <summary>The smaller grey-level standard deviation inside either eye's outline (low: covered by dark glasses or a hand).</summary>
    public double? EyeDetail { get; init; }

    /// <summary>Grey-level noise sigma measured on the plain background (sensor noise, heavy compression).</summary>
    public double? Noise { get; init; }

    /// <summary>Inner-lip gap over mouth width.</summary>
    public double? MouthGap { get; init; }

    /// <summary>Fraction of white, colourless pixels inside the lips.</summary>
    public double? Teeth { get; init; }

    /// <summary>Face width, cheek to cheek.</summary>
    public double? JawWidth { get; init; }

    /// <summary>Top of the head (y), from the background matte.</summary>
    public double? HairTop { get; init; }

    /// <summary>The head touches the photo's top edge.</summary>
    public bool HairCut { get; init; }

    /// <summary>Fraction of the standard photo (below the hair top) that lies outside the photo.</summary>
    public double? CropOutside { get; init; }

    /// <summary>Photo pixels per standard-photo pixel (below 1: the output is enlarged).</summary>
    public double? CropScale { get; init; }

    /// <summary>Where the standard photo puts the hair top, the eye line and how wide the face is.</summary>
    public (double HairTop, double EyeLine, double FaceWidth)? Placement { get; init; }

    /// <summary>Background beside the head (CIELAB).</summary>
    public (double L, double A, double B)? Background { get; init; }

    /// <summary>RMS colour difference of the background from a smooth fit (texture, clutter).</summary>
    public double? BackgroundNoise { get; init; }

    /// <summary>Share of non-wall pixels in the second most affected zone of the background (above, left, right of the head).</summary>
    public double? BackgroundClutter { get; init; }

    /// <summary>JPEG 8×8 grid steps over other steps: about 1 for a natural photo, more when heavily compressed.</summary>
    public double? Blockiness { get; init; }

    /// <summary>Largest colour difference between the background's corners (shading).</summary>
    public double? BackgroundGradient { get; init; }

    /// <summary>Fraction of the standard photo that is foreign content over the background.</summary>
    public double? ExtraContent { get; init; }

    /// <summary>Colour difference between clothing and background (the smaller of the old and the new one).</summary>
    public double? ClothingContrast { get; init; }

    /// <summary>Mean skin colour (CIELAB).</summary>
    public (double L, double A, double B)? Skin { get; init; }

    /// <summary>Fractions of skin pixels burnt out and crushed black.</summary>
    public (double High, double Low)? Clipped { get; init; }

    /// <summary>Lightness difference between the face's two halves.</summary>
    public double? LightingBalance { get; init; }

    /// <summary>Variance of the Laplacian over the skin at the standard scale.</summary>
    public double? Sharpness { get; init; }

    /// <summary>BRISQUE score of the standard crop, 0 (best) to 100.</summary>
    public double? Brisque { get; init; }

    /// <summary>The largest face aligned for the admission-photo comparison (from this pass's landmarks), or null.</summary>
    public AlignedFace? Face { get; init; }

    /// <summary>The standard photo's area in photo pixels (top-left, top-right, bottom-right, bottom-left), or null.</summary>
    public IReadOnlyList<PointF>? CropCorners { get; init; }

    /// <summary>
    /// Over that area, <see cref="PhotoMarks.Columns"/> × <see cref="PhotoMarks.Rows"/> cells row by row: 0–255, the share
    /// of each cell unlike the plain background outside the head and shoulders; null when no wall was modelled.
    /// </summary>
    public IReadOnlyList<byte>? BackgroundMarks { get; init; }

    /// <summary>
    /// Share of the standard photo's 12 px border band (the top, and the sides down to the chin) that will not be the
    /// new blue within ΔE 5 (CIE76): what the matte kept there (an old background, an object).
    /// </summary>
    public double? BorderOff { get; init; }

    /// <summary>Share of the matte's outer rim beside and above the head coloured like neither hair nor skin (a loose cut-out's old background).</summary>
    public double? RimForeign { get; init; }

    /// <summary>Share of the top of the head (hair top to the brows) coloured like neither hair nor skin (a cap, a hat).</summary>
    public double? HeadCover { get; init; }

    /// <summary>Share of the band under the jaw, beside the neck, that has the face's skin colour (a hand at the chin).</summary>
    public double? ChinSkin { get; init; }

    /// <summary>
    /// How many of the wall's three sides (above the head, left, right) end inside the photo at a straight edge with
    /// something else beyond (0–3): the edge of a print or a screen photographed again.
    /// </summary>
    public double? FramedSides { get; init; }
}
