using Npgsql;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>The throwaway PostgreSQL cluster that <c>./photocollect test</c> starts; a new database per fixture.</summary>
public static class TestDatabase
{
    /// <summary>Connection string of a new, not yet created database (the app's migration runner creates it).</summary>
    public static string NewConnectionString()
    {
        var server = Environment.GetEnvironmentVariable("PHOTOCOLLECT_TEST_PG")
            ?? throw new InvalidOperationException(
                "PHOTOCOLLECT_TEST_PG is not set: run the tests with ./photocollect test, which starts a throwaway PostgreSQL.");
        return new NpgsqlConnectionStringBuilder(server)
        {
            Database = "t_" + Guid.NewGuid().ToString("N")[..16],
            // Tests open and close contexts quickly; a small pool per database keeps the cluster's connection count low,
            // and idle connections of apps whose tests are over are closed soon rather than after five minutes.
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }
}
