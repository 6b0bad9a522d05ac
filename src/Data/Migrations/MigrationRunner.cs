using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Photocollect.Data.Migrations;

/// <summary>
/// Applies the versioned SQL files embedded under <c>Infrastructure/Database/Migrations</c> (named
/// <c>NNNN_title.sql</c>, applied in name order, each in its own transaction) and records them in
/// <c>__migrations</c> with a checksum. Runs inside a PostgreSQL advisory lock, so instances starting together
/// apply each file once. An applied file that was edited afterwards stops start-up: write a new file instead.
/// </summary>
public sealed class MigrationRunner(string connectionString, ILogger<MigrationRunner> logger)
{
    /// <summary>Arbitrary but fixed: the advisory lock key of schema migration.</summary>
    private const long LockKey = 0x70686f746f636f6c; // "photocol"

    private const string ResourcePrefix = "Photocollect.Data.Migrations.";

    /// <summary>The embedded migrations, in order.</summary>
    public static IReadOnlyList<(string Id, string Sql)> Migrations { get; } = LoadMigrations();

    /// <summary>Creates the database when missing, then applies pending migrations. Returns the ids applied now.</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) => MigrateAsync(null, cancellationToken);

    /// <summary>
    /// As <see cref="MigrateAsync(CancellationToken)"/>, but only up to and including the migration <paramref name="through"/>
    /// (all when null): tests of a migration over data written before it.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(string? through, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, LockKey);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS "__migrations" (
                    "Id" text PRIMARY KEY,
                    "Checksum" text NOT NULL,
                    "AppliedAt" timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var appliedNow = new List<string>();
            foreach (var (id, sql) in Migrations.Where(m => through is null || string.CompareOrdinal(m.Id, through) <= 0))
            {
                var checksum = Checksum(sql);
                if (applied.TryGetValue(id, out var recorded))
                {
                    if (recorded != checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {id} was changed after it was applied. Add a new migration file instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await ExecuteAsync(connection, transaction,
                    """INSERT INTO "__migrations" ("Id", "Checksum") VALUES (@id, @checksum)""",
                    cancellationToken, null, ("id", id), ("checksum", checksum));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {MigrationId}", id);
                appliedNow.Add(id);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, LockKey);
        }
    }

    /// <summary>Ids of the migrations recorded in the database (empty when the history table is missing).</summary>
    public async Task<IReadOnlyCollection<string>> AppliedIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('\"__migrations\"') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        return (await AppliedAsync(connection, cancellationToken)).Keys;
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? throw new InvalidOperationException("The connection string names no database.");
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        check.Parameters.AddWithValue("name", database);
        if (await check.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            // Identifiers cannot be parameters; quote it the PostgreSQL way.
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
#pragma warning disable CA2100 // The only interpolated part is the quoted database name from configuration.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0", connection);
#pragma warning restore CA2100
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", database);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it first (a concurrent CREATE DATABASE reports a unique violation on pg_database).
        }
    }

    private static async Task<Dictionary<string, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("""SELECT "Id", "Checksum" FROM "__migrations" """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        string sql,
        CancellationToken cancellationToken,
        long? key = null,
        params (string Name, object Value)[] parameters)
    {
#pragma warning disable CA2100 // SQL comes from the embedded migration files and constants in this class.
        await using var command = new NpgsqlCommand(sql, connection, transaction);
#pragma warning restore CA2100
        if (key is { } k)
        {
            command.Parameters.AddWithValue("key", k);
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    private static List<(string Id, string Sql)> LoadMigrations()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return (n[ResourcePrefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }
}
