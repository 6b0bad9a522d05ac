using QRCoder;

namespace Photocollect.Collection.Registry;

/// <summary>Collection codes drawn as QR PNGs (the simulator's dev page, tests).</summary>
public static class CodeImages
{
    /// <summary>A QR code PNG of <paramref name="text"/>, <paramref name="pixelsPerModule"/> pixels a module, quiet zone included.</summary>
    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
