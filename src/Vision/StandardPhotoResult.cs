namespace Photocollect.Vision;

/// <summary>The standard photo of one source photo.</summary>
/// <param name="Jpeg">The 480×640 JPEG (no metadata, dpi in the JFIF header), or null when none could be made.</param>
/// <param name="Quality">The JPEG quality used.</param>
/// <param name="Source">The automatic check of the source photo (its analysis planned the crop).</param>
public sealed record StandardPhotoResult(byte[]? Jpeg, int Quality, CheckReport Source);
