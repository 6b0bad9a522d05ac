using System.Security.Cryptography;
using System.Text;

namespace Photocollect.WebBench;

/// <summary>
/// Whose face the registry simulator (the product's stand-in for CHSI) keeps as a student's admission photo: one of
/// the shared faces by a hash of the school code and student number (<c>SimulatedStudentRegistry</c>). The bench
/// uploads photos of one person, so it takes only the roster students whose admission photo is that person's, as real
/// students upload their own face: their uploads are compared as the same person, not met with the product's
/// "differs from your admission photo" warning.
/// </summary>
public sealed class AdmissionFaces(string facesFolder)
{
    private readonly List<string> faces = Directory.GetFiles(facesFolder)
        .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The file name of the face the simulator gives the student.</summary>
    public string Of(string schoolCode, string studentNumber) =>
        faces[SHA256.HashData(Encoding.UTF8.GetBytes($"{schoolCode}/{studentNumber}"))[0] % faces.Count];
}
