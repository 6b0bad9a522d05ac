using Photocollect.Vision.Tests.Support;
using Photocollect.VisionLab;
using QRCoder;

namespace Photocollect.Vision.Tests;

public sealed class QrCodesShould
{
    // Shaped like a collection code: a version prefix, a payload and a signature, about 180 characters.
    private const string LongCode = "PC1.eyJzIjoiMTAwMDAxIiwibiI6IjIwMjEwMDEyMzQiLCJsIjoi5pys56eRIiwiZSI6MTc5MzU3NzYwMH0" +
        ".MEUCIQDx7Kk3s9YtH3WcGmY2p0c5v1b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0";

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(135)]
    [InlineData(180)]
    [InlineData(211)]
    [InlineData(270)]
    [InlineData(333)]
    public void ReadALongCodeAtAnyRotation(double degrees)
    {
        using var code = QrImage(LongCode, pixelsPerModule: 6);
        using var photo = code.Warp(Canvas.Place(code.Width, code.Height, 700, 700, degrees, 1.0), 1400, 1400, (235, 235, 235));

        Assert.Equal([LongCode], QrCodes.Decode(photo));
    }

    [Theory]
    [InlineData(0.0004, 0)]
    [InlineData(0, 0.0004)]
    [InlineData(-0.0003, 0.0003)]
    public void ReadACodeSeenAtAnAngle(double tiltX, double tiltY)
    {
        using var code = QrImage(LongCode, pixelsPerModule: 6);
        using var photo = code.Warp(Canvas.Place(code.Width, code.Height, 800, 800, 8, 1.0, tiltX, tiltY), 1600, 1600, (200, 200, 200));

        Assert.Equal([LongCode], QrCodes.Decode(photo));
    }

    [Theory]
    [InlineData(1.0, 1.0, 0)]
    [InlineData(1.8, 1.0, 0)]
    [InlineData(0.0, 0.3, 150)]
    [InlineData(1.2, 0.45, 90)]
    public void ReadABlurredOrLowContrastCode(double blur, double contrast, double brightness)
    {
        using var code = QrImage(LongCode, pixelsPerModule: 6);
        using var placed = code.Warp(Canvas.Place(code.Width, code.Height, 600, 600, 3, 1.0), 1200, 1200, (255, 255, 255));
        using var photo = placed.Adjust(blur, contrast, brightness);

        Assert.Equal([LongCode], QrCodes.Decode(photo));
    }

    [Fact]
    public void ReadASmallCodeInsideAPhoneScreenshot()
    {
        using var code = QrImage("PC1.short.code.2021001234", pixelsPerModule: 10);
        // 1080×2400 screenshot: grey app chrome, the code about 330 px wide in the lower half.
        using var screen = code.Warp(Canvas.Place(code.Width, code.Height, 540, 1500, 0, 330.0 / code.Width), 1080, 2400, (246, 246, 246));

        var result = QrCodes.Decode(screen.ToPng());

        Assert.Null(result.Error);
        Assert.Equal(["PC1.short.code.2021001234"], result.Codes);
    }

    [Fact]
    public void ReadTwoCodesAsTwo()
    {
        using var first = QrImage("PC1.first", pixelsPerModule: 8);
        using var second = QrImage("PC1.second", pixelsPerModule: 8);
        var canvas = new byte[1600 * 800 * 3];
        Array.Fill(canvas, (byte)255);
        Canvas.Paste(canvas, 1600, first, 100, 150);
        Canvas.Paste(canvas, 1600, second, 900, 150);
        using var both = VisionImage.FromBgr(canvas, 1600, 800);

        Assert.Equal(["PC1.first", "PC1.second"], QrCodes.Decode(both).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FindNoCodeInAFacePhoto()
    {
        var result = QrCodes.Decode(File.ReadAllBytes(SharedData.Face("grace_hopper.jpg")));

        Assert.Null(result.Error);
        Assert.Empty(result.Codes);
    }

    [Fact]
    public void ReadACodeSavedAsJpeg()
    {
        using var code = QrImage(LongCode, pixelsPerModule: 5);
        using var placed = code.Warp(Canvas.Place(code.Width, code.Height, 500, 500, 10, 1.0), 1000, 1000, (250, 250, 250));

        Assert.Equal([LongCode], QrCodes.Decode(placed.ToJpeg(70)).Codes);
    }

    [Fact]
    public void ReadTheMildestOfEveryKindOfDegradedCode()
    {
        foreach (var kind in CodeCorpus.Kinds)
        {
            var sample = CodeCorpus.Samples(kind).First();
            Assert.True(QrCodes.Decode(sample.File).Codes.Contains(sample.Text), sample.Name);
        }
    }

    [Fact]
    public void ReadWithZXingABlurredCodeTheWeChatDecoderMisses()
    {
        // One of the moderately blurred codes that only ZXing reads (docs/vision-checks.md, decision 008).
        var sample = CodeCorpus.Samples("blur", round: 4).ElementAt(4);
        using var loaded = ImageLoader.Load(sample.File);

        Assert.Empty(QrCodes.DecodeWithWeChat(loaded.Image!));
        Assert.Equal([sample.Text], QrCodes.Decode(loaded.Image!));
    }

    [Theory]
    [InlineData(new byte[0], ImageError.Empty)]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, ImageError.UnsupportedFormat)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0 }, ImageError.UnsupportedFormat)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }, ImageError.Corrupt)]
    public void SayWhyBytesAreNoImage(byte[] bytes, ImageError error) => Assert.Equal(error, QrCodes.Decode(bytes).Error);

    private static VisionImage QrImage(string text, int pixelsPerModule)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule);
        var loaded = ImageLoader.Load(png);
        return loaded.Image ?? throw new InvalidOperationException($"QR PNG did not load: {loaded.Error}");
    }
}
