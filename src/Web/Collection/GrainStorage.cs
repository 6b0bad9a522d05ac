using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Storage;
using Photocollect.Web.Data;

namespace Photocollect.Web.Collection;

/// <summary>
/// An order grain's state over its <see cref="Order"/> row. The ETag is PostgreSQL's xmin: an update names the
/// xmin it read, and zero rows updated means someone else wrote first.
/// </summary>
public sealed class OrderRowState(AppDbContext db, GrainKey key) : IPersistentState<OrderState>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private uint? version;

    /// <inheritdoc />
    public OrderState? State { get; set; }

    /// <inheritdoc />
    public string? ETag => version?.ToString(CultureInfo.InvariantCulture);

    private Guid Id => Guid.Parse(key.Id);

    /// <inheritdoc />
    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.TenantId == key.TenantId && o.Id == Id, cancellationToken);
        version = row?.Version;
        State = row is null ? null : ToState(row);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var s = State ?? throw new InvalidOperationException("No state to write.");
        var history = JsonSerializer.Serialize(s.History, Json);
        var now = s.History.Count > 0 ? s.History[^1].At : s.CreatedAt;
        if (version is null)
        {
            db.Orders.Add(new Order
            {
                Id = s.Id,
                TenantId = key.TenantId,
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
                UpdatedAt = now,
                History = history,
            });
            await GrainRows.InsertAsync(db, cancellationToken);
            await ReadStateAsync(cancellationToken);
            return;
        }

        var expected = version.Value;
        var updated = await db.Orders
            .Where(o => o.TenantId == key.TenantId && o.Id == Id && o.Version == expected)
            .ExecuteUpdateAsync(set => set
                .SetProperty(o => o.Status, s.Status)
                .SetProperty(o => o.PhotoId, s.PhotoId)
                .SetProperty(o => o.PaymentReference, s.PaymentReference)
                .SetProperty(o => o.RejectReason, s.RejectReason)
                .SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => o.History, history), cancellationToken);
        if (updated == 0)
        {
            throw new InconsistentStateException();
        }

        await ReadStateAsync(cancellationToken);
    }

    /// <summary>The grain state of a row.</summary>
    public static OrderState ToState(Order row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new OrderState
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
    }
}

/// <summary>A grain's state as JSON in <see cref="GrainStateRow"/>, versioned by xmin like <see cref="OrderRowState"/>.</summary>
/// <typeparam name="T">The state record.</typeparam>
public sealed class JsonGrainState<T>(AppDbContext db, string grainType, GrainKey key) : IPersistentState<T>
    where T : class
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private uint? version;

    /// <inheritdoc />
    public T? State { get; set; }

    /// <inheritdoc />
    public string? ETag => version?.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var row = await db.GrainStates.AsNoTracking()
            .SingleOrDefaultAsync(r => r.TenantId == key.TenantId && r.GrainType == grainType && r.GrainId == key.Id, cancellationToken);
        version = row?.Version;
        State = row is null ? null : JsonSerializer.Deserialize<T>(row.Json, Json);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(State ?? throw new InvalidOperationException("No state to write."), Json);
        if (version is null)
        {
            db.GrainStates.Add(new GrainStateRow { TenantId = key.TenantId, GrainType = grainType, GrainId = key.Id, Json = json });
            await GrainRows.InsertAsync(db, cancellationToken);
            await ReadStateAsync(cancellationToken);
            return;
        }

        var expected = version.Value;
        var updated = await db.GrainStates
            .Where(r => r.TenantId == key.TenantId && r.GrainType == grainType && r.GrainId == key.Id && r.Version == expected)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Json, json), cancellationToken);
        if (updated == 0)
        {
            throw new InconsistentStateException();
        }

        await ReadStateAsync(cancellationToken);
    }
}

/// <summary>What the grain storages share.</summary>
internal static class GrainRows
{
    /// <summary>Saves the first row of a grain; someone else's first row wins and this write is a clash.</summary>
    public static async Task InsertAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new InconsistentStateException("The grain's state was created by someone else first.", e);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
