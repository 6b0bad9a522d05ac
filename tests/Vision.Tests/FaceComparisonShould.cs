using Photocollect.Vision.Tests.Support;

namespace Photocollect.Vision.Tests;

public sealed class FaceComparisonShould(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void MatchAPhotoWithTheSamePersonsAdmissionPhoto()
    {
        var photo = corpus.Good.First(s => s.Name.EndsWith("astronaut", StringComparison.Ordinal)).Jpeg;
        var admission = File.ReadAllBytes(SharedData.Face("astronaut.png"));

        var result = FaceComparison.Compare(photo, admission);

        Assert.True(result.Same, $"score {result.Score}");
        Assert.InRange(result.Score!.Value, FaceComparison.DefaultThreshold, 1);
    }

    [Fact]
    public void TellDifferentPeopleApart()
    {
        var photo = corpus.Good.First(s => s.Name.EndsWith("astronaut", StringComparison.Ordinal)).Jpeg;

        foreach (var other in new[] { "grace_hopper.jpg", "messi5.jpg" })
        {
            var result = FaceComparison.Compare(photo, File.ReadAllBytes(SharedData.Face(other)));
            Assert.False(result.Same, $"{other}: score {result.Score}");
            Assert.NotNull(result.Score);
        }
    }

    [Fact]
    public void SayWhichPhotoHasNoFace()
    {
        var noFace = corpus.Bad.First(s => s.Name.StartsWith("no-face-", StringComparison.Ordinal)).Jpeg;
        var face = File.ReadAllBytes(SharedData.Face("grace_hopper.jpg"));

        Assert.Equal("b: no_face", FaceComparison.Compare(face, noFace).Error);
        Assert.Equal("a: empty", FaceComparison.Compare([], face).Error);
        Assert.Null(FaceComparison.Compare(noFace, face).Score);
    }

    [Fact]
    public void AlignInTheCheckTheFaceItWouldAlignAlone()
    {
        var photo = corpus.Good.First(s => s.Name.EndsWith("astronaut", StringComparison.Ordinal)).Jpeg;

        var fromCheck = PhotoCheck.Run(photo).Analysis!.Face;
        var alone = FaceComparison.Align(photo, out var error);

        Assert.Null(error);
        Assert.Equal(alone!.ToBytes(), fromCheck!.ToBytes());
    }

    [Fact]
    public void ScoreKeptFacesAsItScoresTheirPhotos()
    {
        var photo = corpus.Good.First(s => s.Name.EndsWith("grace_hopper", StringComparison.Ordinal)).Jpeg;
        var admission = File.ReadAllBytes(SharedData.Face("grace_hopper.jpg"));
        var kept = AlignedFace.FromBytes(FaceComparison.Align(admission, out _)!.ToBytes());

        var fromFaces = FaceComparison.Compare(PhotoCheck.Run(photo).Analysis!.Face!, kept);

        Assert.Equal(FaceComparison.Compare(photo, admission), fromFaces);
        Assert.True(fromFaces.Same, $"score {fromFaces.Score}");
    }

    [Fact]
    public void SayWhyNoFaceWasAligned()
    {
        var noFace = corpus.Bad.First(s => s.Name.StartsWith("no-face-", StringComparison.Ordinal)).Jpeg;

        Assert.Null(FaceComparison.Align(noFace, out var missing));
        Assert.Equal("no_face", missing);
        Assert.Null(FaceComparison.Align([1, 2, 3], out var notAnImage));
        Assert.Equal("unsupported_format", notAnImage);
        Assert.Null(PhotoCheck.Run(noFace).Analysis!.Face);
        Assert.Throws<ArgumentException>(() => AlignedFace.FromBytes(new byte[100]));
    }
}
