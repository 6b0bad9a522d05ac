using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Orleans.Storage;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Storage;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Data.Grains;

/// <summary>
/// Grain state in the product's own tables (decision 007): the order grain's state is its <see cref="Order"/> row,
/// which lists, queues and the ledger query; any other grain's state is JSON in <see cref="GrainStateRow"/>. The ETag
/// is PostgreSQL's <c>xmin</c>: an update names the one it read and returns the new one, and zero rows updated is an
/// <see cref="InconsistentStateException"/>. Each call enters the school of the grain's key in a scope of its own,
/// so tenant isolation covers grain state as it covers every other row.
/// </summary>
public sealed class PostgresGrainStorage(IServiceScopeFactory scopes) : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, School> schools = new();

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = KeyOf(grainId);
        await using var scope = await EnterAsync(key);
        var db = scope.Db;
        if (typeof(T) == typeof(OrderState))
        {
            var id = Guid.Parse(key.Id);
            var row = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id);
            Set(grainState, row is null ? default : (T)(object)ToState(row), row?.Version);
            return;
        }

        var stored = await db.GrainStates.AsNoTracking()
            .SingleOrDefaultAsync(r => r.GrainType == stateName && r.GrainId == key.Id);
        Set(grainState, stored is null ? default : JsonSerializer.Deserialize<T>(stored.Json, Json), stored?.Version);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var key = KeyOf(grainId);
        await using var scope = await EnterAsync(key);
        var db = scope.Db;
        var expected = grainState.ETag is { } etag ? uint.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) : (uint?)null;
        uint version;
        if (grainState.State is OrderState order)
        {
            version = expected is null ? await InsertAsync(db, ToRow(order)) : await UpdateOrderAsync(db, key.TenantId, order, expected.Value);
        }
        else
        {
            var json = JsonSerializer.Serialize(grainState.State, Json);
            version = expected is null
                ? await InsertAsync(db, new GrainStateRow { TenantId = key.TenantId, GrainType = stateName, GrainId = key.Id, Json = json })
                : await UpdateJsonAsync(db, key, stateName, json, expected.Value);
        }

        grainState.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("Grain state is never deleted: orders and students are kept as records.");

    private static OrderState ToState(Order row) => new()
    {
        Id = row.Id,
        Number = row.Number,
        AccountId = row.AccountId,
        StudentId = row.RecordId,
        CampaignId = row.CampaignId,
        Kind = row.Kind,
        Copies = row.Copies,
        PriceFen = row.PriceFen,
        Currency = row.Currency,
        Status = row.Status,
        PhotoId = row.PhotoId,
        PaymentReference = row.PaymentReference,
        RejectReason = row.RejectReason,
        CreatedAt = row.CreatedAt,
        PayBy = row.PayBy,
        History = JsonSerializer.Deserialize<List<OrderChange>>(row.History, Json) ?? [],
    };

    private static Order ToRow(OrderState s) => new()
    {
        Id = s.Id,
        Number = s.Number,
        AccountId = s.AccountId,
        RecordId = s.StudentId,
        CampaignId = s.CampaignId,
        Kind = s.Kind,
        Copies = s.Copies,
        PriceFen = s.PriceFen,
        Currency = s.Currency,
        Status = s.Status,
        PhotoId = s.PhotoId,
        PaymentReference = s.PaymentReference,
        RejectReason = s.RejectReason,
        CreatedAt = s.CreatedAt,
        PayBy = s.PayBy,
        UpdatedAt = LastChange(s),
        History = JsonSerializer.Serialize(s.History, Json),
    };

    private static DateTimeOffset LastChange(OrderState s) => s.History.Count > 0 ? s.History[^1].At : s.CreatedAt;

    private static void Set<T>(IGrainState<T> grainState, T? state, uint? version)
    {
        grainState.RecordExists = state is not null;
        grainState.ETag = version?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (state is not null)
        {
            grainState.State = state;
        }
    }

    // The first row of a grain; EF reads xmin back. Someone else's first row of the same grain wins and this write is a
    // clash (the grain reads theirs and decides again); any other unique index refuses the row itself.
    private static async Task<uint> InsertAsync<TRow>(AppDbContext db, TRow row)
        where TRow : class
    {
        db.Add(row);
        try
        {
            await db.SaveChangesAsync();
            return (uint)db.Entry(row).Property("Version").CurrentValue!;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            throw unique.ConstraintName switch
            {
                "PK_Orders" or "PK_GrainStates" => new InconsistentStateException("The grain's state was created by someone else first.", e),
                "IX_Orders_TenantId_Number" => new RowConflictException("number", e),
                "IX_Orders_TenantId_RecordId_Open" => new RowConflictException("open_order", e),
                _ => new RowConflictException("conflict", e),
            };
        }
    }

    private static async Task<uint> UpdateOrderAsync(AppDbContext db, Guid tenantId, OrderState s, uint expected)
    {
        var history = JsonSerializer.Serialize(s.History, Json);
        var versions = await db.Database.SqlQuery<long>($"""
            UPDATE "Orders" SET "Status" = {s.Status.ToString()}, "PhotoId" = {s.PhotoId}, "PaymentReference" = {s.PaymentReference},
                "RejectReason" = {s.RejectReason}, "UpdatedAt" = {LastChange(s)}, "History" = {history}::jsonb
            WHERE "TenantId" = {tenantId} AND "Id" = {s.Id} AND xmin::text = {Text(expected)}
            RETURNING xmin::text::bigint AS "Value"
            """).ToListAsync();
        return versions.Count == 1 ? (uint)versions[0] : throw new InconsistentStateException($"Order {s.Id} changed since version {expected} was read.");
    }

    private static async Task<uint> UpdateJsonAsync(AppDbContext db, GrainKey key, string grainType, string json, uint expected)
    {
        var versions = await db.Database.SqlQuery<long>($"""
            UPDATE "GrainStates" SET "Json" = {json}::jsonb
            WHERE "TenantId" = {key.TenantId} AND "GrainType" = {grainType} AND "GrainId" = {key.Id} AND xmin::text = {Text(expected)}
            RETURNING xmin::text::bigint AS "Value"
            """).ToListAsync();
        return versions.Count == 1 ? (uint)versions[0] : throw new InconsistentStateException($"{grainType} {key} changed since version {expected} was read.");
    }

    // xid has no cast from a number parameter; its text form compares exactly.
    private static string Text(uint version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static GrainKey KeyOf(GrainId grainId) => GrainKey.Parse(grainId.Key.ToString());

    private async Task<TenantScope> EnterAsync(GrainKey key)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Only the school's id matters for entering it, and an id never changes: looked up once per process.
            if (!schools.TryGetValue(key.TenantId, out var school))
            {
                school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key.TenantId)
                    ?? throw new InvalidOperationException($"No school {key.TenantId} for grain {key}.");
                schools[key.TenantId] = school;
            }

            var entered = scope.ServiceProvider.GetRequiredService<TenantContext>().EnterTenant(school);
            return new TenantScope(scope, entered, db);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    private sealed class TenantScope(AsyncServiceScope scope, IDisposable entered, AppDbContext db) : IAsyncDisposable
    {
        public AppDbContext Db => db;

        public ValueTask DisposeAsync()
        {
            entered.Dispose();
            return scope.DisposeAsync();
        }
    }
}
