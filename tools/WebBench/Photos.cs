using Photocollect.VisionLab;

namespace Photocollect.WebBench;

/// <summary>
/// The photos the students upload, rendered once from the shared faces (<c>PHOTOCOLLECT_SHARED</c>): the 12 MP phone
/// photo of <c>./photocollect bench vision</c> (3000×4000, about 3 MB, passes every check) for every measured upload,
/// and a small passing photo (1200×1600, the tests' good photo) that the set-up's students take to a paid order.
/// </summary>
public sealed class Photos
{
    private Photos(byte[] phone, byte[] small)
    {
        Phone = phone;
        Small = small;
    }

    /// <summary>The 12 MP phone photo.</summary>
    public byte[] Phone { get; }

    /// <summary>The small photo for the set-up.</summary>
    public byte[] Small { get; }

    /// <summary>Renders both from <paramref name="faces"/> (the shared faces folder).</summary>
    public static Photos Render(string faces)
    {
        var corpus = new Corpus(faces);
        var spec = new PhotoSpec();
        var small = Corpus.Render(corpus.People.Single(p => p.Name == "grace_hopper.jpg"), spec).Photo.ToJpeg(spec.Quality);
        return new Photos(Bench.Photo(corpus), small);
    }
}
