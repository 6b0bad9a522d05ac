using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Photocollect.Web.Infrastructure.Database;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

public sealed class MigrationRunnerShould
{
    [Fact]
    public async Task ApplyEachMigrationOnceWhenInstancesStartTogether()
    {
        var connectionString = TestDatabase.NewConnectionString();
        var runners = Enumerable.Range(0, 4).Select(_ => new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance));

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.MigrateAsync())));

        var all = applied.SelectMany(a => a).ToList();
        Assert.Equal(MigrationRunner.Migrations.Select(m => m.Id), all.Order(StringComparer.Ordinal));
        Assert.Equal(MigrationRunner.Migrations.Count, await ScalarAsync<long>(connectionString, """SELECT count(*) FROM "__migrations" """));
        Assert.Equal(5, await ScalarAsync<long>(connectionString, """SELECT count(*) FROM "AspNetRoles" """));
    }

    [Fact]
    public async Task DoNothingOnASecondRun()
    {
        var runner = new MigrationRunner(TestDatabase.NewConnectionString(), NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync();

        Assert.Empty(await runner.MigrateAsync());
        Assert.Equal(MigrationRunner.Migrations.Count, (await runner.AppliedIdsAsync()).Count);
    }

    [Fact]
    public async Task RefuseToStartWhenAnAppliedMigrationWasEdited()
    {
        var connectionString = TestDatabase.NewConnectionString();
        var runner = new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync();
        await ScalarAsync<int>(connectionString, """UPDATE "__migrations" SET "Checksum" = 'edited' WHERE "Id" = '0001_initial' RETURNING 1""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync());
        Assert.Contains("0001_initial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportNothingAppliedOnAnEmptyDatabase()
    {
        var connectionString = TestDatabase.NewConnectionString();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        Assert.Empty(await new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance).AppliedIdsAsync());
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
