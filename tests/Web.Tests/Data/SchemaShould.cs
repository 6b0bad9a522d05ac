using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Tenancy.Data;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

/// <summary>The migrations (SQL files) and the EF model must describe the same schema.</summary>
public sealed class SchemaShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task MatchTheEfModel()
    {
        _ = app.Server; // start: migrations run
        var model = Model();
        var database = await DatabaseAsync();

        Assert.Equal(model.Columns.Order(), database.Columns.Order());
        Assert.Equal(model.Indexes.Order(), database.Indexes.Order());
        Assert.Equal(model.Keys.Order(), database.Keys.Order());
    }

    [Fact]
    public void LeadEveryUniqueIndexOfTenantOwnedRowsWithTheTenant()
    {
        using var scope = app.Services.CreateScope();
        var efModel = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;

        Assert.Empty(TenantModelBuilderExtensions.FindUnscopedUniqueIndexes(efModel));
    }

    [Fact]
    public void FilterEveryTenantOwnedEntityByTheNamedFilter()
    {
        using var scope = app.Services.CreateScope();
        var efModel = scope.ServiceProvider.GetRequiredService<AppDbContext>().Model;
        var owned = efModel.GetEntityTypes().Where(t =>
            typeof(ITenantOwned).IsAssignableFrom(t.ClrType) || typeof(ITenantOrPlatformOwned).IsAssignableFrom(t.ClrType)).ToList();

        Assert.NotEmpty(owned);
        Assert.All(owned, t => Assert.NotNull(t.FindDeclaredQueryFilter(TenantModelBuilderExtensions.FilterName)));
    }

    private sealed record Shape(List<string> Columns, List<string> Indexes, List<string> Keys);

    private Shape Model()
    {
        using var scope = app.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IDesignTimeModel>().Model;
        var columns = new List<string>();
        var indexes = new List<string>();
        var keys = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                // xmin is PostgreSQL's own row version, in every table and never in information_schema.
                if (property.GetColumnName(store) is not { } column || column == "xmin")
                {
                    continue;
                }

                columns.Add($"{table}.{column} {property.GetColumnType(store)} {(property.IsColumnNullable(store) ? "NULL" : "NOT NULL")}");
            }

            if (entity.IsOwned())
            {
                continue;
            }

            foreach (var index in entity.GetIndexes())
            {
                indexes.Add($"{table}.{index.GetDatabaseName()} ({string.Join(",", index.Properties.Select(p => p.GetColumnName(store)))}){(index.IsUnique ? " UNIQUE" : "")}");
            }

            var pk = entity.FindPrimaryKey()!;
            keys.Add($"{table} ({string.Join(",", pk.Properties.Select(p => p.GetColumnName(store)))})");
        }

        return new Shape(columns.Distinct().ToList(), indexes, keys);
    }

    private async Task<Shape> DatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = await ListAsync(connection, """
            SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' ||
                   CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'NULL' END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '__migrations'
            """);
        var indexes = await ListAsync(connection, """
            SELECT t.relname || '.' || i.relname || ' (' ||
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')' ||
                   CASE WHEN x.indisunique THEN ' UNIQUE' ELSE '' END
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT x.indisprimary AND t.relname <> '__migrations'
            """);
        var keys = await ListAsync(connection, """
            SELECT t.relname || ' (' ||
                   (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) || ')'
            FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND x.indisprimary AND t.relname <> '__migrations'
            """);
        return new Shape(columns, indexes, keys);
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
