using Photocollect.Vision.Tests.Support;

namespace Photocollect.Vision.Tests;

public sealed class PhotoMarksShould(CorpusFixture corpus) : IClassFixture<CorpusFixture>
{
    [Fact]
    public void PlaceTheCropAroundTheFaceWithTheEyesInsideTheBoxAndAPlainBackground()
    {
        foreach (var sample in corpus.Good.Take(4))
        {
            var report = PhotoCheck.Run(sample.Jpeg);
            var marks = PhotoMarks.From(report.Analysis!);

            var face = Assert.IsType<RectF>(marks.Face);
            Assert.Equal(2, marks.Eyes.Count);
            Assert.All(marks.Eyes, e => Assert.True(Inside(face, e), $"{sample.Name}: eye {e} outside the face box {face}"));
            Assert.Equal(4, marks.Crop.Count);
            var (tl, tr, br, bl) = (marks.Crop[0], marks.Crop[1], marks.Crop[2], marks.Crop[3]);
            var width = Distance(tl, tr);
            var height = Distance(tl, bl);
            Assert.InRange(height / width, 4 / 3.0 - 0.01, 4 / 3.0 + 0.01);
            Assert.InRange(Distance(tr, br), height - 1, height + 1);
            // The face is in the crop's middle third across and its eyes at the standard's eye line (200-300 of 640).
            var eyeY = (marks.Eyes[0].Y + marks.Eyes[1].Y) / 2;
            Assert.InRange((eyeY - tl.Y) / height, 200 / 640.0 - 0.03, 300 / 640.0 + 0.03);
            Assert.InRange((face.Center.X - tl.X) / width, 0.4, 0.6);
            Assert.True(marks.Background.Count <= 2, $"{sample.Name}: {marks.Background.Count} background cells marked on a plain wall");
        }
    }

    [Fact]
    public void MarkTheCellsWhereSomethingIsInFrontOfTheWall()
    {
        foreach (var sample in corpus.Bad.Where(s => s.Defect == "extra_content" || s.Name.StartsWith("cluttered", StringComparison.Ordinal)).Take(3))
        {
            var marks = PhotoMarks.From(PhotoCheck.Run(sample.Jpeg).Analysis!);

            Assert.True(marks.Background.Count >= 3, $"{sample.Name}: only {marks.Background.Count} cells marked");
            Assert.All(marks.Background, c => Assert.InRange(c, 0, (PhotoMarks.Columns * PhotoMarks.Rows) - 1));
        }
    }

    [Fact]
    public void HaveNoFaceNorCropWithoutAFace()
    {
        var marks = PhotoMarks.From(PhotoCheck.Run(corpus.Bad.First(s => s.Name.StartsWith("no-face-", StringComparison.Ordinal)).Jpeg).Analysis!);

        Assert.Null(marks.Face);
        Assert.Empty(marks.Eyes);
        Assert.Empty(marks.Crop);
        Assert.Empty(marks.Background);
    }

    private static bool Inside(RectF box, PointF p) => p.X >= box.X && p.X <= box.X + box.Width && p.Y >= box.Y && p.Y <= box.Y + box.Height;

    private static double Distance(PointF a, PointF b) => Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
}
