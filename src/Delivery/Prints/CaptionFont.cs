using SkiaSharp;

namespace Photocollect.Delivery.Prints;

/// <summary>
/// The captions' typeface: Noto Sans CJK SC from Debian's fonts-noto-cjk. The file is a TrueType collection of ten
/// faces (JP, KR, SC, TC, HK and their Mono cuts), so the SC face is picked by its family name, not by a fixed index.
/// </summary>
internal static class CaptionFont
{
    public const string Family = "Noto Sans CJK SC";

    public const string DebianPackage = "fonts-noto-cjk";

    private static readonly string[] Files =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    ];

    // PublicationOnly: a missing font is not remembered, so installing the package mends a running app.
    private static readonly Lazy<SKTypeface> Face = new(Load, LazyThreadSafetyMode.PublicationOnly);

    public static SKTypeface Typeface => Face.Value;

    private static SKTypeface Load()
    {
        foreach (var file in Files.Where(File.Exists))
        {
            for (var index = 0; index < 16; index++)
            {
                var face = SKTypeface.FromFile(file, index);
                if (face is null)
                {
                    break;
                }

                if (face.FamilyName == Family && face.ContainsGlyphs("张欧阳0123456789…"))
                {
                    return face;
                }

                face.Dispose();
            }
        }

        // Elsewhere (another distribution's path): whatever the platform's font manager finds by name.
        var found = SKFontManager.Default.MatchFamily(Family);
        if (found is not null && found.FamilyName == Family && found.ContainsGlyphs("张欧阳"))
        {
            return found;
        }

        found?.Dispose();
        throw new InvalidOperationException(
            $"The print captions need the font {Family}, which is not installed: install Debian's {DebianPackage} package " +
            $"(apt-get install {DebianPackage}; ./photocollect does it). Looked in {string.Join(", ", Files)} and the system fonts.");
    }
}
