using Photocollect.Vision;
using Photocollect.VisionLab;
using Photocollect.Collection.Registry;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Test photos from the vision corpus generator (tools/VisionLab) and ../shared/data/faces.</summary>
public static class Faces
{
    private static readonly Lazy<Corpus> Corpus = new(() => new Corpus(Folder));

    /// <summary>The shared faces folder.</summary>
    public static string Folder => Path.Combine(
        Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") ?? throw new InvalidOperationException("PHOTOCOLLECT_SHARED is not set: run ./photocollect test."),
        "data", "faces");

    /// <summary>A phone photo that passes every check (Grace Hopper on a light wall, 1200×1600).</summary>
    public static byte[] GoodPhoto() => Render(new PhotoSpec());

    /// <summary>The same person smiling with teeth (fails mouth_closed).</summary>
    public static byte[] TeethPhoto() => Corpus.Value.Bad().First(s => s.Defect == "mouth_closed").Jpeg;

    /// <summary>
    /// A 3:4 camera frame of Grace Hopper on a light wall, as pixels (a fake camera's picture): her cheek-to-cheek width
    /// a <paramref name="faceWidth"/> of the frame's width, her eyes at <paramref name="eyes"/> (fractions of the frame).
    /// </summary>
    public static Raster CameraFrame(int width = 720, double faceWidth = 0.36, (double X, double Y)? eyes = null) =>
        VisionLab.Corpus.Render(Corpus.Value.People.Single(p => p.Name == "grace_hopper.jpg"),
            new PhotoSpec { Width = width, Height = width * 4 / 3, FaceWidth = faceWidth, Eyes = eyes ?? (0.5, 0.40) }).Photo;

    /// <summary>What the camera page posts while the preview runs: a 720×960 camera frame scaled to 240×320, as JPEG.</summary>
    public static byte[] PreviewFrame(double faceWidth = 0.36, (double X, double Y)? eyes = null) =>
        FramingTable.Frame(CameraFrame(720, faceWidth, eyes));

    /// <summary>The corpus's first photo of a named defect (<c>hand</c>, <c>tilted</c>, <c>cluttered</c>…), of any face.</summary>
    public static byte[] Defect(string name) => Corpus.Value.Bad().First(s => s.Name.StartsWith(name + "-", StringComparison.Ordinal)).Jpeg;

    private static byte[] Render(PhotoSpec spec) =>
        VisionLab.Corpus.Render(Corpus.Value.People.Single(p => p.Name == "grace_hopper.jpg"), spec).Photo.ToJpeg(spec.Quality);
}

/// <summary>Collection codes as pictures.</summary>
public static class Codes
{
    /// <summary>A 1080×2400 phone screenshot with the code in it, as PNG.</summary>
    public static byte[] Screenshot(string code)
    {
        using var qr = ImageLoader.Load(CodeImages.Png(code, 6));
        var q = qr.Image!;
        var screen = new Raster(1080, 2400, (246, 246, 246));
        screen.Rectangle(0, 0, 1080, 180, (29, 78, 216));
        screen.Text("CHSI", 60, 60, 10, (255, 255, 255));
        var qrBgr = q.ToBgr();
        var left = (1080 - q.Width) / 2;
        for (var y = 0; y < q.Height; y++)
        {
            Array.Copy(qrBgr, y * q.Width * 3, screen.Bgr, (((700 + y) * 1080) + left) * 3, q.Width * 3);
        }

        using var image = screen.ToImage();
        return image.ToPng();
    }
}
