namespace Photocollect.Vision.Tests;

public sealed class ImageHeaderShould
{
    [Theory]
    [InlineData("grace_hopper.jpg", ImageFormat.Jpeg, 512, 600, 3)]
    [InlineData("messi5.jpg", ImageFormat.Jpeg, 548, 342, 3)]
    [InlineData("astronaut.png", ImageFormat.Png, 512, 512, 3)]
    public void ReadTheDeclaredSizeOfRealPhotos(string file, ImageFormat format, int width, int height, int components)
    {
        var header = ImageHeader.Read(File.ReadAllBytes(Faces(file)));

        Assert.Equal(new ImageHeader(format, width, height, components), header);
    }

    [Fact]
    public void SeeADecompressionBombBeforeDecoding()
    {
        // A few dozen bytes that claim a 60000×60000 baseline JPEG.
        byte[] bomb =
        [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0xEA, 0x60, 0xEA, 0x60, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];

        var header = ImageHeader.Read(bomb);

        Assert.Equal(ImageFormat.Jpeg, header.Format);
        Assert.Equal(3_600_000_000L, header.Pixels);
    }

    [Fact]
    public void ReadCmykAndGreyJpegComponents()
    {
        Assert.Equal(4, ImageHeader.Read(Sof(0xC0, 100, 80, 4)).Components);
        Assert.Equal(1, ImageHeader.Read(Sof(0xC2, 100, 80, 1)).Components);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0 }, ImageFormat.Gif)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50 }, ImageFormat.WebP)]
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 }, ImageFormat.Heif)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { }, ImageFormat.Unknown)]
    [InlineData(new byte[] { 0xFF, 0xD8 }, ImageFormat.Unknown)]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, ImageFormat.Unknown)]
    public void NameOtherFormats(byte[] data, ImageFormat format) => Assert.Equal(format, ImageHeader.Read(data).Format);

    [Fact]
    public void ReadNoSizeFromATruncatedHeader()
    {
        var jpeg = File.ReadAllBytes(Faces("grace_hopper.jpg"));

        var header = ImageHeader.Read(jpeg.AsSpan(0, 30));

        Assert.Equal(ImageFormat.Jpeg, header.Format);
        Assert.Null(header.Pixels);
    }

    [Fact]
    public void NeverThrowOnRandomBytes()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(0, 64)];
            random.NextBytes(data);
            if (i % 3 == 0 && data.Length > 3)
            {
                data[0] = 0xFF;
                data[1] = 0xD8;
                data[2] = 0xFF;
            }

            _ = ImageHeader.Read(data);
        }
    }

    private static byte[] Sof(byte marker, ushort width, ushort height, byte components) =>
        [0xFF, 0xD8, 0xFF, marker, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, components, 1, 0x11, 0];

    private static string Faces(string file) => Support.SharedData.Face(file);
}
