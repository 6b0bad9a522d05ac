using Photocollect.Vision.Tests.Support;
using Photocollect.VisionLab;

namespace Photocollect.Vision.Tests;

public sealed class StandardPhotoShould(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    private static readonly (byte R, byte G, byte B) Blue = (100, 197, 255);

    [Fact]
    public void MeetEveryFigureOfTheStandardForEveryGoodPhoto()
    {
        foreach (var sample in corpus.Good)
        {
            var made = StandardPhoto.Create(sample.Jpeg);
            var jpeg = made.Jpeg ?? throw new Xunit.Sdk.XunitException($"{sample.Name}: no standard photo");

            Assert.InRange(jpeg.Length, 30 * 1024, 200 * 1024);
            Assert.InRange(made.Quality, 60, 100);
            Assert.Equal((1, 300, 300), Exif.JfifDensity(jpeg));
            Assert.False(Exif.HasApp1(jpeg), $"{sample.Name}: metadata left in the file");

            // Measured again on the output itself, not taken from the plan.
            using var output = ImageLoader.Load(jpeg);
            var image = output.Image!;
            Assert.Equal((480, 640), (image.Width, image.Height));
            var a = PhotoAnalyzer.Analyze(image);
            var eyeLine = a.Landmarks.Skip(36).Take(12).Average(p => p.Y);
            Assert.True(a.HairTop is >= 50 and <= 110, $"{sample.Name}: hair top at {a.HairTop:0}");
            Assert.True(eyeLine is >= 200 and <= 300, $"{sample.Name}: eyes at {eyeLine:0}");
            Assert.True(a.JawWidth is >= 180 and <= 300, $"{sample.Name}: face width {a.JawWidth:0}");
            Assert.True(Math.Abs(a.Roll!.Value) < 3, $"{sample.Name}: roll {a.Roll:0.0}");
            var pixels = image.ToBgr();
            foreach (var (x, y) in new[] { (5, 5), (474, 5), (5, 300), (474, 300) })
            {
                var i = ((y * 480) + x) * 3;
                Assert.True(Near((pixels[i + 2], pixels[i + 1], pixels[i]), Blue, 8), $"{sample.Name}: ({x},{y}) is not the blue background");
            }

            Assert.True(PhotoCheck.Run(jpeg).Pass, $"{sample.Name}: the standard photo fails its own check");
        }
    }

    [Fact]
    public void KeepTheBorderBandTheNewBlueWithinDeltaE5()
    {
        // The 12 px band along the top and down the sides to the chin (y 400 in the layout), CIE76 on CIELAB.
        var blue = Lab(Blue);
        foreach (var sample in corpus.Good)
        {
            var jpeg = StandardPhoto.Create(sample.Jpeg).Jpeg!;
            using var output = ImageLoader.Load(jpeg);
            var pixels = output.Image!.ToBgr();
            var worst = 0.0;
            for (var y = 0; y < 400; y++)
            {
                for (var x = 0; x < 480; x++)
                {
                    if (y >= 12 && x is >= 12 and < 468)
                    {
                        continue;
                    }

                    var i = ((y * 480) + x) * 3;
                    var lab = Lab((pixels[i + 2], pixels[i + 1], pixels[i]));
                    worst = Math.Max(worst, Math.Sqrt(Math.Pow(lab.L - blue.L, 2) + Math.Pow(lab.A - blue.A, 2) + Math.Pow(lab.B - blue.B, 2)));
                }
            }

            Assert.True(worst <= 5, $"{sample.Name}: ΔE {worst:0.0} from the blue in the border band");
        }
    }

    [Fact]
    public void CutThePersonOutWithGrabCutWhenNoWallCanBeModelled()
    {
        // A face filling the frame leaves too little wall above and beside the head to model. GrabCut on a small
        // canvas still makes the standard photo; the background check fails all the same.
        var sample = corpus.Corpus.People.Single(p => p.Name == "astronaut.png");
        var (photo, _) = Corpus.Render(sample, new PhotoSpec { Width = 900, Height = 1000, FaceWidth = 0.62, Eyes = (0.5, 0.47), Background = (245, 245, 245) });
        var made = StandardPhoto.Create(photo.ToJpeg(92));

        Assert.False(made.Source.Checks.Single(c => c.Name == "background").Pass);
        var jpeg = made.Jpeg ?? throw new Xunit.Sdk.XunitException("no standard photo");
        using var output = ImageLoader.Load(jpeg);
        var pixels = output.Image!.ToBgr();
        var person = Halo.PersonMask(pixels, 480, 640, Blue);
        Assert.True(person.Count(p => p) > 480 * 640 / 4, "the person was cut away");
        Assert.True(Near((pixels[(20 * 480 * 3) + (240 * 3) + 2], pixels[(20 * 480 * 3) + (240 * 3) + 1], pixels[(20 * 480 * 3) + (240 * 3)]), Blue, 8),
            "the wall above the head is not blue");
        var wall = Enumerable.Range(0, 480 * 640).Count(i => Near((pixels[(i * 3) + 2], pixels[(i * 3) + 1], pixels[i * 3]), (245, 245, 245), 24));
        Assert.True(wall < 480 * 640 / 50, $"{wall} pixels of the old wall are left");
    }

    [Fact]
    public void LeaveNoHaloOfTheOldWallAroundTheHair()
    {
        // Photos shot against a near-white wall: a halo would be a light rim between the hair and the new blue.
        var sample = corpus.Corpus.People.Single(p => p.Name == "astronaut.png");
        var (photo, _) = Corpus.Render(sample, new PhotoSpec { Background = (245, 245, 245) });
        var made = StandardPhoto.Create(photo.ToJpeg(92));
        using var output = ImageLoader.Load(made.Jpeg!);
        var pixels = output.Image!.ToBgr();

        var person = Halo.PersonMask(pixels, 480, 640, Blue);
        var halo = Halo.Fraction(pixels, person, 480, 640);
        Assert.True(halo < 0.02, $"{halo:P1} of the rim around the head is pale");

        // The measure sees a halo when there is one: draw a 2-pixel pale rim and measure again.
        var rimmed = Halo.DrawRim(pixels, person, 480, 640, (236, 240, 242));
        var seen = Halo.Fraction(rimmed, person, 480, 640);
        Assert.True(seen > 0.2, $"a drawn rim measured only {seen:P1}");
    }

    [Fact]
    public void ReturnNoPhotoAndSayWhyWhenThereIsNoFace()
    {
        var noFace = corpus.Bad.First(s => s.Name.StartsWith("no-face-", StringComparison.Ordinal));

        var made = StandardPhoto.Create(noFace.Jpeg);

        Assert.Null(made.Jpeg);
        Assert.Contains(made.Source.Failures, c => c.Name == "face_count");
    }

    private static bool Near((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, int tolerance) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;

    // sRGB (D65) to CIELAB.
    private static (double L, double A, double B) Lab((byte R, byte G, byte B) c)
    {
        static double Linear(byte v) => v / 255.0 is var s && s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : ((24389.0 / 27 * t) + 16) / 116;
        var (r, g, b) = (Linear(c.R), Linear(c.G), Linear(c.B));
        var x = ((0.4124 * r) + (0.3576 * g) + (0.1805 * b)) / 0.95047;
        var y = (0.2126 * r) + (0.7152 * g) + (0.0722 * b);
        var z = ((0.0193 * r) + (0.1192 * g) + (0.9505 * b)) / 1.08883;
        return ((116 * F(y)) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }
}
