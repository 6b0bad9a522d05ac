using Photocollect.Vision.Tests.Support;
using Photocollect.VisionLab;

namespace Photocollect.Vision.Tests;

/// <summary>
/// The live camera's guide on 240×320 preview frames of corpus people placed in a 720×960 camera frame: where the
/// face stands against the oval, and frames refused before any decoding when they are too large or not images.
/// </summary>
public sealed class FramingGuideShould(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Theory]
    [InlineData("grace_hopper.jpg", 0.36, 0.50, 0.40, Framing.Good)]
    [InlineData("astronaut.png", 0.36, 0.50, 0.40, Framing.Good)]
    [InlineData("grace_hopper.jpg", 0.20, 0.50, 0.40, Framing.TooSmall)]
    [InlineData("astronaut.png", 0.52, 0.50, 0.40, Framing.TooLarge)]
    [InlineData("grace_hopper.jpg", 0.36, 0.30, 0.40, Framing.Outside)]
    [InlineData("grace_hopper.jpg", 0.36, 0.50, 0.55, Framing.Outside)]
    public void SayWhereTheFaceStands(string person, double faceWidth, double eyesX, double eyesY, Framing expected)
    {
        var frame = Frame(Render(person, new PhotoSpec { Width = 720, Height = 960, FaceWidth = faceWidth, Eyes = (eyesX, eyesY) }));

        var verdict = FramingGuide.Judge(frame);

        Assert.Equal(expected, verdict.Framing);
        Assert.Equal(1, verdict.Faces);
        var box = verdict.Face!.Value;
        Assert.InRange(box.Center.X, eyesX - 0.05, eyesX + 0.05);
        Assert.InRange(box.Width, faceWidth * 0.9, faceWidth * 1.35);
    }

    [Fact]
    public void FindNoFaceOnABareWallAndTwoWhenTwoStand()
    {
        var wall = FramingGuide.Judge(Frame(new Raster(720, 960, (245, 245, 245))));
        var spec = new PhotoSpec { Width = 720, Height = 960, FaceWidth = 0.26, Eyes = (0.27, 0.42) };
        var two = Corpus.Render(Person("grace_hopper.jpg"), spec).Photo;
        Corpus.Composite(two, Person("astronaut.png"), Corpus.Place(Person("astronaut.png"), spec with { Eyes = (0.73, 0.42) }));

        var both = FramingGuide.Judge(Frame(two));

        Assert.Equal((Framing.NoFace, null, 0), (wall.Framing, wall.Face, wall.Faces));
        Assert.Equal((Framing.SeveralFaces, 2), (both.Framing, both.Faces));
    }

    [Fact]
    public void RefuseFramesTooLargeOrNotImagesBeforeDecoding()
    {
        using var wide = new Raster(1600, 1200, (200, 200, 200)).ToImage();

        Assert.Equal(ImageError.TooLarge, FramingGuide.Judge(wide.ToJpeg(60)).Error);
        var frame = Frame(new Raster(720, 960, (245, 245, 245)));
        Assert.Equal(ImageError.TooLarge, FramingGuide.Judge([.. frame, .. new byte[FramingGuide.MaxFrameBytes]]).Error);
        Assert.Equal(ImageError.UnsupportedFormat, FramingGuide.Judge("GIF89a not a frame"u8).Error);
        Assert.Equal(ImageError.Empty, FramingGuide.Judge([]).Error);
    }

    private Person Person(string name) => corpus.Corpus.People.Single(p => p.Name == name);

    private Raster Render(string person, PhotoSpec spec) => Corpus.Render(Person(person), spec).Photo;

    private static byte[] Frame(Raster camera) => FramingTable.Frame(camera);
}
