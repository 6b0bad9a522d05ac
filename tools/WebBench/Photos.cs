using Photocollect.VisionLab;

namespace Photocollect.WebBench;

/// <summary>
/// The photos the students upload, rendered once from the shared faces (<c>PHOTOCOLLECT_SHARED</c>): the 12 MP phone
/// photo of <c>./photocollect bench vision</c> (3000×4000, about 3 MB, passes every check) for every measured upload,
/// and a small passing photo (1200×1600, the tests' good photo) that the set-up's students take to a paid order.
/// Both show <see cref="Face"/>.
/// </summary>
public sealed class Photos
{
    private Photos(byte[] phone, byte[] small)
    {
        Phone = phone;
        Small = small;
    }

    /// <summary>Whose face the photos show (a file of the shared faces).</summary>
    public const string Face = "grace_hopper.jpg";

    /// <summary>The 12 MP phone photo.</summary>
    public byte[] Phone { get; }

    /// <summary>The small photo for the set-up.</summary>
    public byte[] Small { get; }

    /// <summary>Renders both from <paramref name="faces"/> (the shared faces folder).</summary>
    public static Photos Render(string faces)
    {
        var person = Person.Load(Path.Combine(faces, Face), closeMouth: true);  // as the corpus loads its people
        var spec = new PhotoSpec();
        return new Photos(Bench.Photo(person), Corpus.Render(person, spec).Photo.ToJpeg(spec.Quality));
    }
}
