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
    public void ScoreKeptEmbeddingsAsItScoresTheirPhotos()
    {
        var photo = corpus.Good.First(s => s.Name.EndsWith("grace_hopper", StringComparison.Ordinal)).Jpeg;
        var admission = File.ReadAllBytes(SharedData.Face("grace_hopper.jpg"));
        var kept = FaceEmbedding.FromBytes(FaceComparison.Embed(FaceComparison.Align(admission, out _)!).ToBytes());

        var fromKept = FaceComparison.Compare(FaceComparison.Embed(PhotoCheck.Run(photo).Analysis!.Face!), kept);

        Assert.Equal(FaceComparison.Compare(photo, admission), fromKept);
        Assert.True(fromKept.Same, $"score {fromKept.Score}");
        Assert.Equal(1024, kept.Dimensions);
    }

    [Fact]
    public void AcceptEveryGenuineAndRefuseEveryImpostorPairOfTheRealPhotos()
    {
        // Real photos of 11 people from Debian's packages (tests/corpus/README.md): 2 genuine and 76 impostor pairs.
        var photos = RealFaces.Photos().Select(p => (p.Identity, p.File, Face: FaceComparison.Align(File.ReadAllBytes(p.File), out _))).ToList();
        Assert.All(photos, p => Assert.True(p.Face is not null, $"no face found in {p.File}"));
        var embedded = photos.Select(p => (p.Identity, p.File, Embedding: FaceComparison.Embed(p.Face!))).ToList();

        var wrong = new List<string>();
        for (var i = 0; i < embedded.Count; i++)
        {
            for (var j = i + 1; j < embedded.Count; j++)
            {
                var result = FaceComparison.Compare(embedded[i].Embedding, embedded[j].Embedding);
                if (result.Same != (embedded[i].Identity == embedded[j].Identity))
                {
                    wrong.Add($"{Path.GetFileName(embedded[i].File)} / {Path.GetFileName(embedded[j].File)}: {result.Score}");
                }
            }
        }

        Assert.True(embedded.Count >= 13, $"only {embedded.Count} real photos");
        Assert.Empty(wrong);
    }

    [Fact]
    public void SayTheModelIsUnavailableWhenItsFilesAreMissing()
    {
        var face = FaceComparison.Align(File.ReadAllBytes(SharedData.Face("grace_hopper.jpg")), out _)!;
        var missing = new AnalysisOptions { Models = new VisionModels { FaceRecognition = Path.Combine(Path.GetTempPath(), "no-such-model", "faceres.json") } };

        var refused = Assert.Throws<InvalidOperationException>(() => FaceComparison.Embed(face, missing));
        Assert.Contains("no-such-model", refused.Message, StringComparison.Ordinal);
        Assert.IsType<FileNotFoundException>(refused.InnerException);
    }

    [Fact]
    public void RefuseEmbeddingsThatAreNotOne()
    {
        var face = FaceComparison.Align(File.ReadAllBytes(SharedData.Face("grace_hopper.jpg")), out _)!;
        var embedding = FaceComparison.Embed(face);

        Assert.Equal(1.0, embedding.Similarity(FaceEmbedding.FromBytes(embedding.ToBytes())), 5);
        Assert.Throws<ArgumentException>(() => FaceEmbedding.FromBytes([]));
        Assert.Throws<ArgumentException>(() => FaceEmbedding.FromBytes(new byte[7]));
        Assert.Throws<ArgumentException>(() => embedding.Similarity(FaceEmbedding.FromBytes(new byte[16])));
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
