using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;

namespace Photocollect.Collection;

/// <summary>
/// A student's order list (我的订单), newest first: held by the student's <see cref="IStudentOrdersGrain"/> and read
/// from the database only when the grain holds none (decision 017). Whoever changes what the list shows outside an
/// order grain (a record's name) calls <see cref="ChangedAsync"/> once the change is committed.
/// </summary>
public sealed class StudentOrders(AppDbContext db, TenantContext tenant, IGrainFactory grains)
{
    /// <summary>The most orders listed.</summary>
    public const int Limit = 100;

    // One compiled query: building, hashing and looking up the LINQ expression per read cost about a sixth of the
    // page's CPU when every request read the list.
    private static readonly Func<AppDbContext, Guid, OrderStatus?, IAsyncEnumerable<Row>> Listed = EF.CompileAsyncQuery(
        (AppDbContext db, Guid account, OrderStatus? status) => db.Orders.AsNoTracking()
            .Where(o => o.AccountId == account && (status == null || o.Status == status))
            .OrderByDescending(o => o.CreatedAt)
            .Join(db.StudentRecords, o => o.RecordId, r => r.Id, (o, r) => new { Order = o, r.Name })
            .Join(db.Campaigns, x => x.Order.CampaignId, c => c.Id,
                (x, c) => new Row(x.Order.Id, x.Order.Number, x.Order.Kind, x.Order.Copies, x.Order.Status, x.Order.CreatedAt, x.Name, x.Order.PriceFen, c.Kind))
            .Take(Limit));

    /// <summary>The student's newest orders (at most <see cref="Limit"/>), of one status or all.</summary>
    public async Task<IReadOnlyList<OrderListing>> ListAsync(Guid accountId, OrderStatus? status, CancellationToken cancellationToken = default)
    {
        var list = grains.StudentOrders(tenant.RequiredSchool.Id, accountId);
        var held = await list.GetAsync();
        var (orders, complete) = (held.Orders, held.Complete);
        if (orders is null)
        {
            orders = await ReadAsync(accountId, null, cancellationToken);
            complete = orders.Count < Limit;
            // Refused when something changed while it was read: this request shows what it read, the next reads again.
            await list.KeepAsync(held.Version, orders, complete);
        }

        return status is not { } only ? orders
            : complete ? orders.Where(o => o.Status == only).ToList()
            : await ReadAsync(accountId, only, cancellationToken);  // the newest hundred need not hold the hundred newest of a status
    }

    /// <summary>Tells the lists of these students that something they show changed; call it after the change commits.</summary>
    public async Task ChangedAsync(IEnumerable<Guid> accountIds)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var school = tenant.RequiredSchool.Id;
        foreach (var batch in accountIds.Distinct().Chunk(64))
        {
            await Task.WhenAll(batch.Select(account => grains.StudentOrders(school, account).ForgetAsync()));
        }
    }

    private async Task<IReadOnlyList<OrderListing>> ReadAsync(Guid accountId, OrderStatus? status, CancellationToken cancellationToken)
    {
        var rows = new List<OrderListing>();
        await foreach (var r in Listed(db, accountId, status).WithCancellation(cancellationToken))
        {
            rows.Add(new OrderListing(r.Id, r.Number, r.Kind, OrderLabels.KindKey(r.Kind, r.Campaign), r.Copies, r.Status, r.CreatedAt, r.Name, r.PriceFen));
        }

        return rows;
    }

    private sealed record Row(Guid Id, string Number, OrderKind Kind, int Copies, OrderStatus Status, DateTimeOffset CreatedAt, string Name, long PriceFen, CampaignKind Campaign);
}
