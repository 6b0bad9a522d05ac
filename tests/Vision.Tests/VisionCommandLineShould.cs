using System.Text.Json;
using Photocollect.Vision.Tests.Support;
using QRCoder;

namespace Photocollect.Vision.Tests;

public sealed class VisionCommandLineShould(CorpusFixture corpus) : IDisposable, IClassFixture<CorpusFixture>
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pc-vision-cli").FullName;

    [Fact]
    public void CheckFilesAsJsonLinesWithNamedChecksOrAnError()
    {
        var good = Write("good.jpg", corpus.Good[0].Jpeg);
        var tilted = Write("tilted.jpg", corpus.Bad.First(s => s.Name.StartsWith("tilted-", StringComparison.Ordinal)).Jpeg);
        var truncated = Write("cut.jpg", corpus.Good[0].Jpeg[..2000]);
        var output = new StringWriter();

        var exit = VisionCommandLine.Run(["check", good, tilted, truncated], output, TextWriter.Null);

        var lines = Lines(output);
        Assert.Equal(0, exit);
        Assert.True(lines[0].GetProperty("pass").GetBoolean());
        Assert.Equal(PhotoCheck.Names, lines[0].GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var pose = lines[1].GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "head_pose");
        Assert.False(pose.GetProperty("pass").GetBoolean());
        Assert.True(Math.Abs(pose.GetProperty("value").GetProperty("roll").GetDouble()) > 8);
        Assert.Equal(8, pose.GetProperty("threshold").GetProperty("roll").GetDouble());
        Assert.Contains("头部歪斜", pose.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(lines[2].GetProperty("pass").GetBoolean());
        Assert.Equal("corrupt", lines[2].GetProperty("error").GetString());
        Assert.False(lines[2].TryGetProperty("checks", out _));
    }

    [Fact]
    public void StandardizeIntoTheOutputFileAndPrintItsCheck()
    {
        var input = Write("in.jpg", corpus.Good[1].Jpeg);
        var target = Path.Combine(_dir, "out.jpg");
        var output = new StringWriter();

        var exit = VisionCommandLine.Run(["standardize", input, target], output, TextWriter.Null);

        var line = Lines(output).Single();
        Assert.Equal(0, exit);
        Assert.Equal(target, line.GetProperty("file").GetString());
        Assert.True(line.GetProperty("pass").GetBoolean());
        Assert.Equal(new FileInfo(target).Length, line.GetProperty("bytes").GetInt64());
        using var written = ImageLoader.Load(File.ReadAllBytes(target));
        Assert.Equal((480, 640), (written.Image!.Width, written.Image.Height));
    }

    [Fact]
    public void CompareTwoPhotosWithScoreAndVerdict()
    {
        var a = Write("a.jpg", corpus.Good.First(s => s.Name.EndsWith("astronaut", StringComparison.Ordinal)).Jpeg);
        var output = new StringWriter();

        var exit = VisionCommandLine.Run(["compare", a, SharedData.Face("astronaut.png")], output, TextWriter.Null);
        VisionCommandLine.Run(["compare", a, SharedData.Face("grace_hopper.jpg")], output, TextWriter.Null);

        var lines = Lines(output);
        Assert.Equal(0, exit);
        Assert.True(lines[0].GetProperty("same").GetBoolean());
        Assert.False(lines[1].GetProperty("same").GetBoolean());
        Assert.True(lines[0].GetProperty("score").GetDouble() > lines[1].GetProperty("score").GetDouble());
    }

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
    [InlineData("standardize", "only-one.jpg")]
    [InlineData("compare", "a.jpg", "b.jpg", "c.jpg")]
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

    private static List<JsonElement> Lines(StringWriter output) =>
        [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }
}
