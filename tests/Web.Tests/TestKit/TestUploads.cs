using Npgsql;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// Where a test app keeps uploads (<c>Photocollect:Uploads:Path</c>, as <c>./photocollect run</c> sets it): a directory
/// named by the app's database, so instances of the product on one database (the cluster tests' processes) share it as
/// the instances of a deployment share their volume.
/// </summary>
public static class TestUploads
{
    /// <summary>
    /// The upload directory of the apps on <paramref name="connectionString"/>'s database: under the test run's own
    /// folder (<c>PHOTOCOLLECT_TEST_UPLOADS</c>, which <c>./photocollect test</c> sets and removes), else the temp folder.
    /// </summary>
    public static string PathFor(string connectionString) =>
        Path.Combine(Environment.GetEnvironmentVariable("PHOTOCOLLECT_TEST_UPLOADS") is { Length: > 0 } run ? run : Path.Combine(Path.GetTempPath(), "photocollect-test-uploads"),
            new NpgsqlConnectionStringBuilder(connectionString).Database ?? "postgres");

    /// <summary>The file an upload is kept in.</summary>
    public static string FileOf(string directory, Guid schoolId, Guid photoId) => Path.Combine(directory, schoolId.ToString("N"), photoId.ToString("N"));

    /// <summary>Deletes the directory, if there is one.</summary>
    public static void Remove(string? directory)
    {
        if (directory is not null && Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
