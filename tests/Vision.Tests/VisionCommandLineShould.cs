using System.Text.Json;
using Photocollect.Vision.Tests.Support;
using QRCoder;

namespace Photocollect.Vision.Tests;

public sealed class VisionCommandLineShould : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pc-vision-cli").FullName;

    [Fact]
    public void PrintOneJsonLinePerFileWithCodesErrorsAndMessages()
    {
        var code = Write("code.png", QrPng("PC1.cli-test"));
        var empty = Write("empty.jpg", []);
        var gif = Write("anim.gif", "GIF89a\u0001\u0000\u0001\u0000"u8.ToArray());
        var output = new StringWriter();

        var exit = VisionCommandLine.Run(["decode", code, empty, gif, SharedData.Face("messi5.jpg"), Path.Combine(_dir, "missing.jpg")], output, TextWriter.Null);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(0, exit);
        Assert.Equal(5, lines.Count);
        Assert.Equal(["PC1.cli-test"], lines[0].GetProperty("codes").EnumerateArray().Select(c => c.GetString()));
        Assert.False(lines[0].TryGetProperty("error", out _));
        Assert.Equal("empty", lines[1].GetProperty("error").GetString());
        Assert.Equal("unsupported_format", lines[2].GetProperty("error").GetString());
        Assert.Contains("未识别到图像采集码", lines[3].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("unreadable", lines[4].GetProperty("error").GetString());
        Assert.All(lines, l => Assert.NotNull(l.GetProperty("file").GetString()));
    }

    [Theory]
    [InlineData()]
    [InlineData("decode")]
    [InlineData("frobnicate", "x.jpg")]
    public void ExitWithTwoOnUsageErrorsOnly(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, VisionCommandLine.Run(args, TextWriter.Null, error));
        Assert.Contains("usage", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
