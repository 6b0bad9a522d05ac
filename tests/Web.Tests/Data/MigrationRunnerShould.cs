using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Photocollect.Data.Migrations;
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

    [Fact]
    public async Task MovePhotoBytesOutOfTheRowsPagesRead()
    {
        var connectionString = TestDatabase.NewConnectionString();
        var runner = new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(MigrationRunner.Migrations.TakeWhile(m => m.Id != "0007_photo_files").Last().Id);
        // A record with an admission photo and a photo with its files, as stored before 0007 (the account and the
        // campaign are left out: foreign keys are not checked for these inserts).
        await ScalarAsync<int>(connectionString, """
            INSERT INTO "Schools" ("Id", "Slug", "DisplayName", "SchoolCode", "Branding_PrimaryColor", "Status", "HostNames", "CreatedAt")
            VALUES ('00000000-0000-0000-0000-00000000000a', 'old', 'Old', '999999', '#000000', 'Active', '{}', now());
            SET session_replication_role = replica;
            INSERT INTO "StudentRecords" ("Id", "TenantId", "AccountId", "CampaignId", "Name", "Gender", "IdNumber", "Level", "College", "Major",
                "StudentNumber", "Phone", "AdmissionPhoto", "VerifiedAt")
            VALUES ('00000000-0000-0000-0000-00000000000b', '00000000-0000-0000-0000-00000000000a', gen_random_uuid(), gen_random_uuid(), 'A', '男',
                '', '本科', '', '', '1', '', '\x0a0b', now());
            INSERT INTO "StudentRecords" ("Id", "TenantId", "AccountId", "CampaignId", "Name", "Gender", "IdNumber", "Level", "College", "Major",
                "StudentNumber", "Phone", "VerifiedAt")
            VALUES ('00000000-0000-0000-0000-00000000000d', '00000000-0000-0000-0000-00000000000a', gen_random_uuid(), gen_random_uuid(), 'B', '女',
                '', '本科', '', '', '2', '', now());
            INSERT INTO "Photos" ("Id", "TenantId", "RecordId", "AccountId", "Source", "Standard", "Passed", "Checks", "CreatedAt")
            VALUES ('00000000-0000-0000-0000-00000000000c', '00000000-0000-0000-0000-00000000000a', '00000000-0000-0000-0000-00000000000b',
                gen_random_uuid(), '\x01020304', '\x0506', true, '[]', now());
            SELECT 1
            """);

        // Up to 0007 only: later migrations reshape these tables again (0018 renames "Face").
        Assert.Contains("0007_photo_files", await runner.MigrateAsync("0007_photo_files"));

        Assert.Equal("01020304/0506", await ScalarAsync<string>(connectionString,
            """SELECT encode("Source", 'hex') || '/' || encode("Standard", 'hex') FROM "PhotoFiles" WHERE "PhotoId" = '00000000-0000-0000-0000-00000000000c'"""));
        Assert.Equal("0a0b", await ScalarAsync<string>(connectionString,
            """SELECT string_agg(encode("Image", 'hex'), ',') FROM "AdmissionPhotos" WHERE "Face" IS NULL"""));  // only the record that had one
        Assert.Equal(0L, await ScalarAsync<long>(connectionString,
            """SELECT count(*) FROM information_schema.columns WHERE column_name IN ('Source', 'Standard', 'AdmissionPhoto') AND table_name IN ('Photos', 'StudentRecords')"""));
    }

    [Fact]
    public async Task ForgetTheClassicComparisonsFacesAndMoveOnlyTheDefaultThreshold()
    {
        var connectionString = TestDatabase.NewConnectionString();
        var runner = new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync("0017_photo_marks");
        // Two campaigns, one on the classic comparison's default threshold and one with the school's own; an admission
        // photo with a kept grey face (foreign keys are not checked for these inserts).
        await ScalarAsync<int>(connectionString, """
            SET session_replication_role = replica;
            INSERT INTO "Campaigns" ("Id", "TenantId", "Name", "Kind", "FeatureCode", "StartsAt", "EndsAt", "PriceFen", "ReprintPriceFen", "Levels",
                "CaptureMode", "Verification", "LiveCameraOnly", "RearCameraHint", "CompareWithAdmission", "ComparisonThreshold", "SupportPhone",
                "SupportHours", "AgreementText", "PayWithinMinutes", "CreatedAt")
            SELECT id, gen_random_uuid(), 'c', 'Graduation', 'x', now(), now(), 0, 0, '{}', 'Online', 'Code', false, true, true, threshold, '', '', '', 30, now()
            FROM (VALUES ('00000000-0000-0000-0000-0000000000a1'::uuid, 0.46), ('00000000-0000-0000-0000-0000000000a2'::uuid, 0.7)) AS c(id, threshold);
            INSERT INTO "AdmissionPhotos" ("RecordId", "TenantId", "Image", "Face")
            VALUES (gen_random_uuid(), gen_random_uuid(), '\x0a0b', '\x0102');
            SELECT 1
            """);

        Assert.Contains("0018_face_embeddings", await runner.MigrateAsync("0018_face_embeddings"));

        Assert.Equal("0.55,0.7", await ScalarAsync<string>(connectionString,
            """SELECT string_agg("ComparisonThreshold"::text, ',' ORDER BY "Id") FROM "Campaigns" """));
        Assert.Equal("0a0b/", await ScalarAsync<string>(connectionString,
            """SELECT encode("Image", 'hex') || '/' || coalesce(encode("FaceEmbedding", 'hex'), '') FROM "AdmissionPhotos" """));
    }

    [Fact]
    public async Task StorePhotoBytesWithoutTryingToCompressThem()
    {
        var connectionString = TestDatabase.NewConnectionString();
        await new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance).MigrateAsync();

        // 64 kB of one repeated byte: the default storage would compress it to almost nothing. Stored as it is, the value
        // keeps its whole size and names no compression method.
        var stored = await ScalarAsync<string>(connectionString, """
            SET session_replication_role = replica;
            INSERT INTO "PhotoFiles" ("PhotoId", "TenantId", "Source", "Standard")
            VALUES (gen_random_uuid(), gen_random_uuid(), decode(repeat('ab', 65536), 'hex'), decode(repeat('cd', 65536), 'hex'));
            INSERT INTO "AdmissionPhotos" ("RecordId", "TenantId", "Image")
            VALUES (gen_random_uuid(), gen_random_uuid(), decode(repeat('ef', 65536), 'hex'));
            SELECT (SELECT concat_ws(',', pg_column_size("Source"), pg_column_compression("Source"), pg_column_size("Standard"),
                        pg_column_compression("Standard")) FROM "PhotoFiles")
                || ';' || (SELECT concat_ws(',', pg_column_size("Image"), pg_column_compression("Image")) FROM "AdmissionPhotos")
            """);

        Assert.Equal("65536,65536;65536", stored);
    }

    [Fact]
    public async Task LeaveThePhotoBytesOutOfVacuumsForInsertsAlone()
    {
        var connectionString = TestDatabase.NewConnectionString();
        await new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance).MigrateAsync();

        // The tables holding photo bytes: their TOAST tables are vacuumed for updates and deletes, not for inserts.
        var options = await ScalarAsync<string>(connectionString, """
            SELECT string_agg(c.relname || ':' || array_to_string(t.reloptions, ','), ';' ORDER BY c.relname)
            FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid
            WHERE c.relname IN ('PhotoFiles', 'AdmissionPhotos')
            """);

        Assert.Equal("AdmissionPhotos:autovacuum_vacuum_insert_threshold=-1;PhotoFiles:autovacuum_vacuum_insert_threshold=-1", options);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
