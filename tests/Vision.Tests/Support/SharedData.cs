namespace Photocollect.Vision.Tests.Support;

/// <summary>The shared test data beside the checkout (../shared), or $PHOTOCOLLECT_SHARED.</summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var shared = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED");
        if (shared is not null && Directory.Exists(Path.Combine(shared, "data", "faces")))
        {
            return shared;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "faces")))
            {
                return Path.Combine(dir.FullName, "shared");
            }
        }

        throw new DirectoryNotFoundException("../shared/data/faces not found; set PHOTOCOLLECT_SHARED.");
    });

    /// <summary>Path of a face photo in shared/data/faces.</summary>
    public static string Face(string file) => Path.Combine(Root.Value, "data", "faces", file);
}
