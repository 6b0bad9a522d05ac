namespace Photocollect.Vision.Tests.Support;

/// <summary>
/// The real-face corpus (tests/corpus/real-faces.tsv) as tools/faces/fetch-real-faces.sh writes it: photos named
/// <c>IDENTITY__N.jpg|png</c> in the folder <c>PHOTOCOLLECT_REAL_FACES</c> names (./photocollect test fetches it).
/// </summary>
internal static class RealFaces
{
    /// <summary>Every photo with its identity; throws when the corpus was not fetched.</summary>
    public static IReadOnlyList<(string Identity, string File)> Photos()
    {
        var folder = Environment.GetEnvironmentVariable("PHOTOCOLLECT_REAL_FACES");
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException("The real-face corpus is missing: run the tests with ./photocollect test, or fetch it with tools/faces/fetch-real-faces.sh DIR and set PHOTOCOLLECT_REAL_FACES=DIR.");
        }

        return [.. Directory.GetFiles(folder)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileNameWithoutExtension(f).Split("__")[0], f))];
    }
}
