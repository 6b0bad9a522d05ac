using Photocollect.Collection.Registry;
using Photocollect.Vision;
using Photocollect.VisionLab;

namespace Photocollect.WebBench;

/// <summary>
/// The picture of a collection code a student uploads: a 1080×2400 phone screenshot of CHSI's page with the code's QR
/// in the middle (drawn as the registry simulator draws it, six pixels a module), as PNG, the format a screenshot
/// is saved in.
/// </summary>
public static class CodePicture
{
    private const int Width = 1080;
    private const int Height = 2400;

    // The page around the code, drawn once: a header band and a few grey lines of text.
    private static readonly Lazy<byte[]> Screen = new(() =>
    {
        var screen = new Raster(Width, Height, (246, 246, 246));
        screen.Rectangle(0, 0, Width, 180, (29, 78, 216));
        screen.Text("CHSI", 60, 60, 10, (255, 255, 255));
        for (var line = 0; line < 6; line++)
        {
            screen.Rectangle(80, 300 + (line * 60), 920 - (line % 3 * 140), 24, (200, 200, 200));
        }

        return screen.Bgr;
    });

    // A canvas a thread, reused: a new 7.8 MB array a picture costs more than the copy.
    private static readonly ThreadLocal<byte[]> Canvas = new(() => new byte[Width * Height * 3]);

    /// <summary>The screenshot of <paramref name="code"/>.</summary>
    public static byte[] Screenshot(string code)
    {
        using var loaded = ImageLoader.Load(CodeImages.Png(code, 6));
        var qr = loaded.Image ?? throw new InvalidOperationException("the QR code did not render");
        var qrBgr = qr.ToBgr();
        var screen = Canvas.Value!;
        Screen.Value.CopyTo(screen, 0);
        var left = (Width - qr.Width) / 2;
        for (var y = 0; y < qr.Height; y++)
        {
            Array.Copy(qrBgr, y * qr.Width * 3, screen, (((800 + y) * Width) + left) * 3, qr.Width * 3);
        }

        using var image = VisionImage.FromBgr(screen, Width, Height);
        return image.ToPng();
    }
}
