using Photocollect.Vision.Tests.Support;
using QRCoder;

namespace Photocollect.Vision.Tests;

public sealed class FacesShould
{
    [Theory]
    [InlineData("grace_hopper.jpg")]
    [InlineData("astronaut.png")]
    public void FindTheOneFaceAndBothEyesInAPortrait(string file)
    {
        using var loaded = ImageLoader.Load(File.ReadAllBytes(SharedData.Face(file)));
        var image = loaded.Image!;

        var faces = Faces.Detect(image);

        var face = Assert.Single(faces);
        Assert.InRange(face.Box.Center.X / image.Width, 0.3, 0.7);
        Assert.InRange(face.Box.Center.Y / image.Height, 0.15, 0.6);
        Assert.InRange(face.Box.Width / image.Width, 0.15, 0.7);
        Assert.True(face.HasBothEyes, $"eyes: {face.LeftEye} {face.RightEye}");
        Assert.InRange(face.RollDegrees!.Value, -10, 10);
        Assert.True(face.LeftEye!.Value.Y < face.Box.Center.Y && face.RightEye!.Value.Y < face.Box.Center.Y, "eyes in the upper half");
    }

    [Theory]
    [InlineData(15)]
    [InlineData(-15)]
    [InlineData(8)]
    public void MeasureTheRollOfATiltedHead(double degrees)
    {
        using var loaded = ImageLoader.Load(File.ReadAllBytes(SharedData.Face("astronaut.png")));
        var image = loaded.Image!;
        var upright = Assert.Single(Faces.Detect(image)).RollDegrees!.Value;

        using var tilted = image.Warp(Canvas.Place(image.Width, image.Height, 350, 350, degrees, 1.0), 700, 700, (128, 128, 128));
        var face = Assert.Single(Faces.Detect(tilted));

        Assert.True(face.HasBothEyes);
        Assert.InRange(face.RollDegrees!.Value - upright, degrees - 5, degrees + 5);
    }

    [Fact]
    public void FindTwoFacesSideBySide()
    {
        using var a = ImageLoader.Load(File.ReadAllBytes(SharedData.Face("grace_hopper.jpg")));
        using var b = ImageLoader.Load(File.ReadAllBytes(SharedData.Face("astronaut.png")));
        var canvas = new byte[1100 * 620 * 3];
        Canvas.Paste(canvas, 1100, a.Image!, 10, 10);
        Canvas.Paste(canvas, 1100, b.Image!, 560, 50);
        using var both = VisionImage.FromBgr(canvas, 1100, 620);

        Assert.Equal(2, Faces.Detect(both).Count);
    }

    [Fact]
    public void FindNoFaceInAQrCode()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("PC1.no-face", QRCodeGenerator.ECCLevel.M);
        using var loaded = ImageLoader.Load(new PngByteQRCode(data).GetGraphic(10));

        Assert.Empty(Faces.Detect(loaded.Image!));
    }

    [Fact]
    public void ReportAMissingModelFolderAsAnEngineFault()
    {
        using var loaded = ImageLoader.Load(File.ReadAllBytes(SharedData.Face("grace_hopper.jpg")));

        var error = Assert.Throws<VisionException>(() => Faces.Detect(loaded.Image!, new FaceOptions { ModelDirectory = "/nonexistent" }));
        Assert.Equal(4, error.Status);
    }
}
