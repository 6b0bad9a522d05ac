namespace Photocollect.Vision;

/// <summary>
/// Thresholds of the automatic check (初审). Schools may tighten or loosen them; the defaults are calibrated on the
/// generated corpus (docs/vision-checks.md).
/// </summary>
public sealed record CheckThresholds
{
    /// <summary>
    /// Most sides of the wall (above the head, left, right) that may end inside the photo at a straight edge with
    /// something else beyond. Two or three: the edge of a printed photo or a screen photographed again (请勿翻拍); one: a
    /// door frame or a shelf.
    /// </summary>
    public double MaxFramedSides { get; init; } = 1;

    /// <summary>Face width (cheek to cheek) as a fraction of the photo's width: too far away, or too close.</summary>
    public (double Min, double Max) FaceSize { get; init; } = (0.15, 0.60);

    /// <summary>Largest fraction of the standard photo (below the hair top) allowed to fall outside the photo.</summary>
    public double MaxCropOutside { get; init; } = 0.03;

    /// <summary>Largest head roll (eye line), degrees.</summary>
    public double MaxRoll { get; init; } = 8;

    /// <summary>Largest head yaw, degrees.</summary>
    public double MaxYaw { get; init; } = 20;

    /// <summary>Largest head pitch, degrees (the generic 3-D face makes pitch the least precise angle).</summary>
    public double MaxPitch { get; init; } = 25;

    /// <summary>Smallest eye aspect ratio of an open eye.</summary>
    public double MinEyeOpenness { get; init; } = 0.17;

    /// <summary>Least grey-level detail inside each eye (sunglasses, a hand or hair over the eye leave it flat).</summary>
    public double MinEyeDetail { get; init; } = 10;

    /// <summary>Largest inner-lip gap over mouth width.</summary>
    public double MaxMouthGap { get; init; } = 0.22;

    /// <summary>Largest fraction of white pixels inside the lips (teeth).</summary>
    public double MaxTeeth { get; init; } = 0.06;

    /// <summary>
    /// Largest share of the top of the head (hair top to the brows) coloured like neither hair nor skin: a cap or a hat
    /// (不得使用头部覆盖物). Black and navy caps on dark hair are not told apart from hair by colour.
    /// </summary>
    public double MaxHeadCover { get; init; } = 0.3;

    /// <summary>Darkest background (CIELAB L*).</summary>
    public double MinBackgroundLightness { get; init; } = 50;

    /// <summary>Most texture or clutter in the background (RMS ΔE from a smooth fit).</summary>
    public double MaxBackgroundNoise { get; init; } = 7;

    /// <summary>
    /// Largest share of non-wall pixels in the second most affected background zone (above, left, right of the
    /// head) before the wall counts as cluttered; one hand or object at one side is extra content instead.
    /// </summary>
    public double MaxBackgroundClutter { get; init; } = 0.15;

    /// <summary>Most shading across the background (ΔE between its corners).</summary>
    public double MaxBackgroundGradient { get; init; } = 20;

    /// <summary>
    /// Largest share of the matte's rim beside and above the head coloured like neither hair nor skin: a loose
    /// cut-out that kept its old background around the person.
    /// </summary>
    public double MaxRimForeign { get; init; } = 0.32;

    /// <summary>
    /// Largest share of the standard photo's border band (the top, and the sides down to the chin) that would not be
    /// the new blue within ΔE 5 (CIE76): what the matte kept at the photo's edge.
    /// </summary>
    public double MaxBorderOff { get; init; } = 0.01;

    /// <summary>Skin lightness range (CIELAB L*): under- and over-exposure. Wide enough for every skin tone.</summary>
    public (double Min, double Max) FaceLightness { get; init; } = (28, 88);

    /// <summary>Largest fraction of burnt-out or crushed skin pixels.</summary>
    public double MaxClipped { get; init; } = 0.05;

    /// <summary>Largest lightness difference between the face's halves (side light, shadow).</summary>
    public double MaxLightingBalance { get; init; } = 18;

    /// <summary>Smallest variance of the Laplacian over the skin at standard scale.</summary>
    public double MinSharpness { get; init; } = 50;

    /// <summary>Natural skin colour: CIELAB a* and b* ranges (a colour cast moves them out).</summary>
    public (double Min, double Max) SkinA { get; init; } = (2, 32);

    /// <inheritdoc cref="SkinA"/>
    public (double Min, double Max) SkinB { get; init; } = (2, 38);

    /// <summary>Fewest photo pixels across the standard photo's 480 px width (below: the photo is enlarged).</summary>
    public double MinSourceWidth { get; init; } = 360;

    /// <summary>Largest fraction of the standard photo taken by foreign content over the background.</summary>
    public double MaxExtraContent { get; init; } = 0.006;

    /// <summary>Largest share of the band under the jaw, beside the neck, with the face's skin colour (a hand at the chin).</summary>
    public double MaxChinSkin { get; init; } = 0.07;

    /// <summary>Largest BRISQUE score (0 best, 100 worst).</summary>
    public double MaxBrisque { get; init; } = 60;

    /// <summary>Largest JPEG blockiness (grid steps over other steps; measured on photos decoded at full size).</summary>
    public double MaxBlockiness { get; init; } = 1.8;

    /// <summary>Largest noise sigma (grey levels) on the plain background.</summary>
    public double MaxNoise { get; init; } = 2;

    /// <summary>Smallest colour difference between clothing and background (黑边检测).</summary>
    public double MinClothingContrast { get; init; } = 12;
}
