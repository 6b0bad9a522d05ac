using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Orleans.Runtime;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;

namespace Photocollect.Collection;

/// <summary>
/// A student's order list (我的订单, and the API's <c>GET orders</c>), newest first: held by the student's <see cref="IStudentOrdersGrain"/> and read
/// from the database only when the grain holds none (decision 017), and the views of other pages held beside it
/// (<see cref="ViewAsync"/>: the order and account pages). Whoever changes what they show outside an order grain (a
/// record, a refund, a photo or its files) calls <see cref="ChangedAsync"/> once the change is committed.
/// </summary>
public sealed class StudentOrders(AppDbContext db, TenantContext tenant, IGrainFactory grains, ILogger<StudentOrders> logger)
{
    /// <summary>The most orders listed.</summary>
    public const int Limit = 100;

    // Chinese text as it is (not \uXXXX): the views are mostly names and reasons.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    // One compiled query: building, hashing and looking up the LINQ expression per read cost about a sixth of the
    // page's CPU when every request read the list.
    private static readonly Func<AppDbContext, Guid, OrderStatus?, IAsyncEnumerable<Row>> Listed = EF.CompileAsyncQuery(
        (AppDbContext db, Guid account, OrderStatus? status) => db.Orders.AsNoTracking()
            .Where(o => o.AccountId == account && (status == null || o.Status == status))
            .OrderByDescending(o => o.CreatedAt)
            .Join(db.StudentRecords, o => o.RecordId, r => r.Id, (o, r) => new { Order = o, r.Name, r.IdNumber, r.Phone })
            .Join(db.Campaigns, x => x.Order.CampaignId, c => c.Id, (x, c) => new Row(x.Order, x.Name, x.IdNumber, x.Phone, c.Kind))
            .Take(Limit));

    /// <summary>The student's newest orders (at most <see cref="Limit"/>), of one status or all.</summary>
    public async Task<IReadOnlyList<OrderListing>> ListAsync(Guid accountId, OrderStatus? status, CancellationToken cancellationToken = default)
    {
        var list = grains.StudentOrders(tenant.RequiredSchool.Id, accountId);
        HeldOrderList? held = null;
        try
        {
            held = await list.GetAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The silo is in trouble: the database still answers the page.
            logger.LogWarning(e, "The order list of account {Account} could not be asked for; read from the database.", accountId);
        }

        var (orders, complete) = (held?.Orders, held?.Complete ?? false);
        if (orders is null)
        {
            orders = await ReadAsync(accountId, null, cancellationToken);
            complete = orders.Count < Limit;
            if (held is not null)
            {
                try
                {
                    // Refused when something changed while it was read: this request shows what it read, the next reads again.
                    await list.KeepAsync(held.Version, orders, complete);
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    logger.LogWarning(e, "The order list of account {Account} could not be kept; the next read asks the database again.", accountId);
                }
            }
        }

        return status is not { } only ? orders
            : complete ? orders.Where(o => o.Status == only).ToList()
            : await ReadAsync(accountId, only, cancellationToken);  // the newest hundred need not hold the hundred newest of a status
    }

    /// <summary>
    /// A page's view of the student's data (e.g. an order's page) held under <paramref name="key"/> beside the list and
    /// dropped with it by the same writers, or read by <paramref name="read"/> and held (decision 018). Only views of rows
    /// whose every writer calls <see cref="ChangedAsync"/> (or is an order grain) may be held this way: orders, records,
    /// refunds, photos and their files, admission photos; none is held when <paramref name="read"/> finds nothing. If
    /// the grain cannot be asked, or what it holds cannot be read, the database answers.
    /// </summary>
    public async Task<T?> ViewAsync<T>(Guid accountId, string key, Func<CancellationToken, Task<T?>> read, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        var grain = grains.StudentOrders(tenant.RequiredSchool.Id, accountId);
        HeldView? held = null;
        try
        {
            held = await grain.ViewAsync(key);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "The view {Key} of account {Account} could not be asked for; read from the database.", key, accountId);
        }

        if (held?.Json is { } json)
        {
            try
            {
                return JsonSerializer.Deserialize<T>(json, Json);
            }
            catch (JsonException e)
            {
                // Held by an instance whose view had another shape (a rolling upgrade): read it as this one builds it.
                logger.LogWarning(e, "The view {Key} of account {Account} held could not be read; read from the database.", key, accountId);
            }
        }

        var view = await read(cancellationToken);
        if (view is not null && held is not null)
        {
            try
            {
                // Refused when something changed while it was read: this request shows what it read, the next reads again.
                await grain.KeepViewAsync(held.Version, key, JsonSerializer.Serialize(view, Json));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                logger.LogWarning(e, "The view {Key} of account {Account} could not be kept; the next read asks the database again.", key, accountId);
            }
        }

        return view;
    }

    /// <summary>
    /// Tells the lists of these students that something they show changed; call it after the change commits. It never
    /// fails the change: a list it could not reach is logged and read again within <see cref="StudentOrdersGrain.MaxAge"/>.
    /// </summary>
    public Task ChangedAsync(IEnumerable<Guid> accountIds) => StudentOrdersGrain.ForgetAsync(grains, tenant.RequiredSchool.Id, accountIds, logger);

    /// <summary>An order as a list shows it, from its row, its record's name, ID number and phone, and its campaign's kind.</summary>
    public static OrderListing Listing(Order order, string name, string idNumber, string phone, CampaignKind campaign)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(idNumber);
        return new(order.Id, order.Number, order.Kind, OrderLabels.KindKey(order.Kind, campaign), order.Copies, order.Status, order.CreatedAt, name, order.PriceFen,
            order.Currency, order.PayBy, order.PhotoId, order.RejectReason, order.RejectReason is null ? null : OrderHistory.RejectNote(order),
            idNumber.Length == 0 ? null : IdNumber.Mask(idNumber), PhoneNumber.Mask(phone));
    }

    private async Task<IReadOnlyList<OrderListing>> ReadAsync(Guid accountId, OrderStatus? status, CancellationToken cancellationToken) =>
        await Listed(db, accountId, status).Select(r => Listing(r.Order, r.Name, r.IdNumber, r.Phone, r.Campaign)).ToListAsync(cancellationToken);

    private sealed record Row(Order Order, string Name, string IdNumber, string Phone, CampaignKind Campaign);
}
