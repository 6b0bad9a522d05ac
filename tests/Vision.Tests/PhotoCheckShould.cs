using System.Text.RegularExpressions;
using Photocollect.Vision.Tests.Support;
using Photocollect.VisionLab;

namespace Photocollect.Vision.Tests;

public sealed partial class PhotoCheckShould(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void PassEveryGoodPhotoOfTheCorpus()
    {
        var failures = corpus.Good
            .Select(s => (s.Name, Failed: Confusion.Failures(PhotoCheck.Run(s.Jpeg)).ToList()))
            .Where(r => r.Failed.Count > 0)
            .Select(r => $"{r.Name}: {string.Join(", ", r.Failed)}")
            .ToList();

        Assert.True(corpus.Good.Count >= 10);
        Assert.Empty(failures);
    }

    [Fact]
    public void FailTheCheckThatEachDefectIsNamedFor()
    {
        var missed = corpus.Bad
            .Select(s => (s.Name, s.Defect, Failed: Confusion.Failures(PhotoCheck.Run(s.Jpeg)).ToList()))
            .Where(r => !r.Failed.Contains(r.Defect!))
            .Select(r => $"{r.Name}: expected {r.Defect}, failed [{string.Join(", ", r.Failed)}]")
            .ToList();

        // Every check of the spec has at least one defect in the corpus.
        Assert.Empty(PhotoCheck.Names.Except(corpus.Bad.Select(s => s.Defect!)));
        Assert.Empty(missed);
    }

    [Fact]
    public void ListEveryNamedCheckWithValueThresholdAndAChineseFix()
    {
        var bad = corpus.Bad.First(s => s.Name.StartsWith("tilted-", StringComparison.Ordinal));

        var report = PhotoCheck.Run(bad.Jpeg);

        Assert.False(report.Pass);
        Assert.Equal(PhotoCheck.Names, report.Checks.Select(c => c.Name));
        var pose = report.Checks.Single(c => c.Name == "head_pose");
        Assert.False(pose.Pass);
        Assert.Matches(Cjk(), pose.Message);
        Assert.Contains("摆正", pose.Message, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.Pass), c => Assert.Equal("", c.Message));
        Assert.All(report.Checks, c => Assert.NotNull(c.Value));
    }

    [Theory]
    [InlineData("loose-cutout-", "background", "Check.background.cutout", "抠图")]
    [InlineData("cap-", "head_covering", "Check.head_covering", "帽子")]
    [InlineData("white-cap-", "head_covering", "Check.head_covering", "帽子")]
    [InlineData("chin-hand-", "extra_content", "Check.extra_content.chin", "托腮")]
    public void TellTheStudentWhatToFixForWhatAPlainWallModelLetPass(string photos, string check, string key, string fix)
    {
        // Issue 18: each of these passed every check before.
        var samples = corpus.Bad.Where(s => s.Name.StartsWith(photos, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            var failed = PhotoCheck.Run(sample.Jpeg).Checks.Single(c => c.Name == check);
            Assert.False(failed.Pass, $"{sample.Name}: {check} passed");
            Assert.Equal(key, failed.MessageKey);
            Assert.Contains(fix, failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FailPhotosOfAPrintOrAScreen()
    {
        // Issue 18 (请勿翻拍纸质照片): a press print on a desk, an inkjet print held in a hand, a phone's and a monitor's
        // screen, of both people. The prints in a hand passed every check before.
        var recaptures = corpus.Bad.Where(s => s.Defect == "recaptured").ToList();

        Assert.Equal(8, recaptures.Count);
        foreach (var sample in recaptures)
        {
            var check = PhotoCheck.Run(sample.Jpeg).Checks.Single(c => c.Name == "recaptured");
            Assert.False(check.Pass, $"{sample.Name}: recaptured passed ({check.Value})");
            Assert.Equal("Check.recaptured", check.MessageKey);
            Assert.Contains("翻拍", check.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotTakeRealCameraPhotosForPhotosOfAPrintOrAScreen()
    {
        // Genuine camera photos (tests/corpus/real-faces.tsv): rooms, streets, door frames, a webcam's window.
        var measured = RealFaces.Photos()
            .Select(p => (p.File, Check: PhotoCheck.Run(File.ReadAllBytes(p.File)).Checks.Single(c => c.Name == "recaptured")))
            .Where(r => !r.Check.Skipped)
            .ToList();

        Assert.True(measured.Count >= 10, $"only {measured.Count} real photos measured");
        Assert.Empty(measured.Where(r => !r.Check.Pass).Select(r => $"{Path.GetFileName(r.File)}: {r.Check.Value}"));
    }

    [Fact]
    public void PassBlackHairWithBangsEarringsAndTintedGlasses()
    {
        var photos = corpus.Good.Where(s => s.Name.StartsWith("good-black-hair-", StringComparison.Ordinal)
            || s.Name.StartsWith("good-earrings-", StringComparison.Ordinal) || s.Name.StartsWith("good-tinted-glasses-", StringComparison.Ordinal)).ToList();

        Assert.True(photos.Count >= 4);
        Assert.All(photos, s => Assert.Empty(Confusion.Failures(PhotoCheck.Run(s.Jpeg))));
    }

    [Fact]
    public void SkipFaceChecksWhenThereIsNoFaceAndSaySo()
    {
        var report = PhotoCheck.Run(corpus.Bad.First(s => s.Name.StartsWith("no-face-", StringComparison.Ordinal)).Jpeg);

        var faceCount = report.Checks.Single(c => c.Name == "face_count");
        Assert.False(faceCount.Pass);
        Assert.Contains("没有检测到人脸", faceCount.Message, StringComparison.Ordinal);
        Assert.All(report.Checks.Where(c => c.Name is not ("face_count" or "resolution")), c => Assert.True(c.Skipped));
        Assert.Equal(["face_count"], report.Failures.Select(c => c.Name));
    }

    [Fact]
    public void UseTheSchoolsThresholds()
    {
        var tilted = corpus.Bad.First(s => s.Name.StartsWith("tilted-", StringComparison.Ordinal)).Jpeg;

        var strict = PhotoCheck.Run(tilted);
        var lenient = PhotoCheck.Run(tilted, new CheckThresholds { MaxRoll = 25 });

        Assert.False(strict.Checks.Single(c => c.Name == "head_pose").Pass);
        Assert.True(lenient.Checks.Single(c => c.Name == "head_pose").Pass);
        Assert.InRange(Math.Abs(strict.Analysis!.Roll!.Value), 14, 22);  // the corpus tilts the head by 18°
    }

    [Fact]
    public void HonourExifOrientation()
    {
        // The good photo stored sideways (turned 90° anticlockwise) with EXIF orientation 6 ("rotate 90° clockwise
        // to display"), as phones save portrait shots.
        var good = corpus.Good[0].Jpeg;
        using var loaded = ImageLoader.Load(good);
        var upright = loaded.Image!;
        var (w, h) = (upright.Width, upright.Height);
        double[] rotate = [0, 1, 0, -1, 0, w - 1, 0, 0, 1];  // (x, y) -> (y, w - 1 - x)
        using var sideways = upright.Warp(rotate, h, w, (0, 0, 0));
        var stored = Exif.WithOrientation(sideways.ToJpeg(92), 6);

        var plain = PhotoCheck.Run(sideways.ToJpeg(92));
        var tagged = PhotoCheck.Run(stored);

        Assert.True(tagged.Pass, string.Join(", ", Confusion.Failures(tagged)));
        Assert.Equal((w, h), (tagged.Analysis!.Width, tagged.Analysis.Height));
        Assert.False(plain.Pass);  // without the tag the head lies on its side
    }

    [Theory]
    [InlineData("empty", "empty")]
    [InlineData("random", "unsupported_format")]
    [InlineData("truncated", "corrupt")]
    [InlineData("webp", "unsupported_format")]
    [InlineData("bomb", "too_large")]
    public void RefuseFilesThatAreNotUsableImages(string kind, string error)
    {
        var good = corpus.Good[0].Jpeg;
        byte[] bytes = kind switch
        {
            "empty" => [],
            "random" => [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251))],
            "truncated" => good[..600],
            "webp" => [.. "RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), .. new byte[64]],
            _ => Bomb(good),
        };

        var report = PhotoCheck.Run(bytes);

        Assert.False(report.Pass);
        Assert.Equal(error, report.Error!.Value.Name());
        Assert.Empty(report.Checks);
    }

    // A real JPEG whose frame header claims 60000×60000.
    private static byte[] Bomb(byte[] jpeg)
    {
        var bytes = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2)
            {
                (bytes[i + 5], bytes[i + 6], bytes[i + 7], bytes[i + 8]) = (0xEA, 0x60, 0xEA, 0x60);
                return bytes;
            }
        }

        throw new InvalidDataException("no SOF");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}
