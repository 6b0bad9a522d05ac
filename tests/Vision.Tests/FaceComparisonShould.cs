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
}
