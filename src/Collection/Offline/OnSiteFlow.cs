using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Queues;
using Photocollect.Tenancy;

namespace Photocollect.Collection.Offline;

/// <summary>
/// The student's side of on-site collection (seeds 001, 004): the order paid before the day (the fee covers capture
/// and standardisation), an optional booking of a session's slot, and a number from the station's queue QR. The
/// verification before it is the online flow's (<see cref="CollectionFlow"/>); one order per campaign serves either
/// mode, so a student who shot online need not come, and the reverse.
/// </summary>
public sealed class OnSiteFlow(
    AppDbContext db,
    TenantContext tenant,
    IGrainFactory grains,
    OrderNumbers numbers,
    QueueTickets tickets,
    TimeProvider clock)
{
    /// <summary>Whether the campaign collects on site.</summary>
    public static bool IsOffline(Campaign campaign) =>
        (campaign ?? throw new ArgumentNullException(nameof(campaign))).CaptureMode is CaptureMode.Offline or CaptureMode.Both;

    /// <summary>Where the student stands.</summary>
    public async Task<OfflineState> StateAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var student = await grains.Student(School.Id, accountId, campaign.Id).GetAsync(cancellationToken);
        var record = await db.StudentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.CampaignId == campaign.Id, cancellationToken);
        var order = student.OrderId is { } orderId ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) : null;
        var booking = order is null ? null : await BookingAsync(order.Id, cancellationToken);
        CollectionSession? session = null;
        QueuePlace? place = null;
        if (order is not null && student.QueueSessionId is { } sessionId)
        {
            session = await db.CollectionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            place = session is null ? null : await grains.SessionQueue(School.Id, sessionId).PlaceAsync(order.Id, cancellationToken);
        }

        return new(record, order, booking, session, place);
    }

    /// <summary>
    /// 立即支付: the campaign's order for an on-site shoot, without a photo (待支付; paid, it waits at 已支付 for the shoot).
    /// The existing order when there is one (a second tap, or an order begun online).
    /// </summary>
    public async Task<OfflineResult<Order>> StartAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!IsOffline(campaign))
        {
            return new OfflineResult<Order>(default, "not_offline");
        }

        var record = await db.StudentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.CampaignId == campaign.Id, cancellationToken);
        if (record is null)
        {
            return new OfflineResult<Order>(default, "no_record");
        }

        var student = grains.Student(School.Id, accountId, campaign.Id);
        var orderId = await student.ClaimOrderAsync(Guid.CreateVersion7(), cancellationToken);
        var order = grains.Order(School.Id, orderId);
        var existing = await order.GetAsync(cancellationToken);
        if (existing is { Status: OrderStatus.Closed or OrderStatus.Refunded })
        {
            // The old order ended unpaid or refunded: free the claim and start again.
            await student.ReleaseOrderAsync(orderId, cancellationToken);
            return await StartAsync(accountId, campaign, cancellationToken);
        }

        if (existing is null)
        {
            var created = await NewOrders.CreateAsync(order, numbers, School.SchoolCode, number =>
                new NewOrder(number, accountId, record.Id, campaign.Id, OrderKind.Group, campaign.PriceFen, null, TimeSpan.FromMinutes(campaign.PayWithinMinutes)),
                cancellationToken);
            if (!created.Succeeded)
            {
                return new OfflineResult<Order>(default, created.Refusal ?? "refused");
            }
        }

        return new OfflineResult<Order>(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken), null);
    }

    /// <summary>The campaign's sessions from today on (China time), with their slots not yet over and how full each is;
    /// with <paramref name="includePast"/>, every session and slot.</summary>
    public async Task<IReadOnlyList<SessionView>> SessionsAsync(Campaign campaign, bool includePast = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var today = ChinaDay(clock.GetUtcNow());
        var sessions = await db.CollectionSessions.AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && (includePast || s.Day >= today))
            .OrderBy(s => s.Day).ThenBy(s => s.Place).ToListAsync(cancellationToken);
        var ids = sessions.Select(s => s.Id).ToList();
        var now = clock.GetUtcNow();
        var slots = await db.SessionSlots.AsNoTracking().Where(s => ids.Contains(s.SessionId) && (includePast || s.EndsAt > now)).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        var slotIds = slots.Select(s => s.Id).ToList();
        var booked = await db.SlotBookings.AsNoTracking().Where(b => slotIds.Contains(b.SlotId))
            .GroupBy(b => b.SlotId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. sessions.Select(s => new SessionView(s, [.. slots.Where(l => l.SessionId == s.Id).Select(l => new SlotView(l, booked.GetValueOrDefault(l.Id)))]))];
    }

    /// <summary>
    /// Books (or moves the booking to) a slot for the student's paid order. A slot's capacity holds however many book
    /// at once: bookings of one slot are decided one at a time under the slot row's lock.
    /// </summary>
    public async Task<OfflineResult<BookingView>> BookAsync(Guid accountId, Campaign campaign, Guid slotId, string? bookedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!campaign.BookingEnabled && bookedBy is null)
        {
            return new OfflineResult<BookingView>(default, "booking_off");
        }

        var (order, problem) = await ShootableOrderAsync(accountId, campaign, cancellationToken);
        if (order is null)
        {
            return new OfflineResult<BookingView>(default, problem!);
        }

        var result = await db.InTransactionAsync<string?>(async (transaction, ct) =>
        {
            var slot = await db.SessionSlots.FromSql($"""SELECT * FROM "SessionSlots" WHERE "Id" = {slotId} AND "TenantId" = {School.Id} FOR UPDATE""")
                .AsNoTracking().SingleOrDefaultAsync(ct);
            var session = slot is null ? null : await db.CollectionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == slot.SessionId, ct);
            if (slot is null || session is null || session.CampaignId != campaign.Id)
            {
                return "no_slot";
            }

            if (slot.EndsAt <= clock.GetUtcNow())
            {
                return "slot_over";
            }

            var mine = await db.SlotBookings.SingleOrDefaultAsync(b => b.OrderId == order.Id, ct);
            if (mine?.SlotId == slotId)
            {
                return null;  // already there
            }

            if (await db.SlotBookings.CountAsync(b => b.SlotId == slotId, ct) >= slot.Capacity)
            {
                return "full";
            }

            if (mine is null)
            {
                db.SlotBookings.Add(new SlotBooking { Id = Guid.CreateVersion7(), OrderId = order.Id, SlotId = slotId, BookedAt = clock.GetUtcNow(), BookedBy = bookedBy });
            }
            else
            {
                mine.SlotId = slotId;
                mine.BookedAt = clock.GetUtcNow();
                mine.BookedBy = bookedBy;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }, cancellationToken);
        return result is null
            ? new OfflineResult<BookingView>(await BookingAsync(order.Id, cancellationToken), null)
            : new OfflineResult<BookingView>(default, result);
    }

    /// <summary>
    /// 扫码排号: a number in the queue of the session the ticket names, for the student's paid order. The same number on a
    /// rescan; a new one at the end after a miss.
    /// </summary>
    public async Task<OfflineResult<QueuePlace>> TakeNumberAsync(Guid accountId, Campaign campaign, string? ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var (sessionId, ticketProblem) = tickets.Read(ticket, School.Id);
        if (ticketProblem is { } refused)
        {
            return new OfflineResult<QueuePlace>(default, refused switch
            {
                TicketProblem.Expired => "expired",
                TicketProblem.OtherSchool => "other_school",
                _ => "forged",
            });
        }

        var session = await db.CollectionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null || session.CampaignId != campaign.Id)
        {
            return new OfflineResult<QueuePlace>(default, "other_campaign");
        }

        var (order, problem) = await ShootableOrderAsync(accountId, campaign, cancellationToken);
        if (order is null)
        {
            return new OfflineResult<QueuePlace>(default, problem!);
        }

        var place = await grains.SessionQueue(School.Id, session.Id).TakeNumberAsync(order.Id, accountId, cancellationToken);
        await grains.Student(School.Id, accountId, campaign.Id).JoinQueueAsync(session.Id, cancellationToken);
        return new OfflineResult<QueuePlace>(place, null);
    }

    /// <summary>The day of an instant in China time.</summary>
    public static DateOnly ChinaDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private School School => tenant.RequiredSchool;

    // The student's order when it is paid and waiting for the shoot; why not otherwise.
    private async Task<(Order? Order, string? Problem)> ShootableOrderAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken)
    {
        var student = await grains.Student(School.Id, accountId, campaign.Id).GetAsync(cancellationToken);
        var order = student.OrderId is { } id ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken) : null;
        return order switch
        {
            null => (null, "no_order"),
            { Status: OrderStatus.PendingPayment } => (null, "not_paid"),
            { Status: OrderStatus.Paid } => (order, null),
            { Status: OrderStatus.Closed or OrderStatus.Refunded } => (null, "no_order"),
            _ => (null, "shot"),
        };
    }

    private async Task<BookingView?> BookingAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var booking = await db.SlotBookings.AsNoTracking().SingleOrDefaultAsync(b => b.OrderId == orderId, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var slot = await db.SessionSlots.AsNoTracking().SingleAsync(s => s.Id == booking.SlotId, cancellationToken);
        var session = await db.CollectionSessions.AsNoTracking().SingleAsync(s => s.Id == slot.SessionId, cancellationToken);
        return new(booking, slot, session);
    }
}
