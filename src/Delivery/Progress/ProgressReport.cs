using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;

namespace Photocollect.Delivery.Progress;

/// <summary>
/// Reads a campaign's progress from the rows: one query for the students' facts (every breakdown is counted from
/// the same rows, so they add up), and one each for the trend, the rejection reasons, the review queue and the
/// sessions.
/// </summary>
public sealed class ProgressReport(AppDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>The review target: a photo waits at most this long.</summary>
    public static readonly TimeSpan ReviewTarget = TimeSpan.FromHours(48);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The campaign's progress now.</summary>
    public async Task<CampaignProgress> ReadAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var students = await FactsAsync(campaignId, cancellationToken);
        var funnel = Funnel.Of(students);
        return new CampaignProgress(
            funnel,
            By(students, s => s.Level),
            By(students, s => s.College),
            By(students, s => $"{s.College} {s.Major}".Trim()),
            students.Any(s => s.ClassName != "") ? By(students, s => s.ClassName) : [],
            await DaysAsync(campaignId, cancellationToken),
            await ReasonsAsync(campaignId, cancellationToken),
            await BacklogAsync(campaignId, cancellationToken),
            await SessionsAsync(campaignId, cancellationToken));
    }

    /// <summary>The facts of every verified student of the campaign.</summary>
    public async Task<IReadOnlyList<StudentFacts>> FactsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var orders = db.Orders.Where(o => o.Kind != OrderKind.Reprint);
        var rows = await (
            from r in db.StudentRecords.AsNoTracking()
            where r.CampaignId == campaignId
            join e in db.Roster on r.StudentNumber equals e.StudentNumber into roster
            from e in roster.DefaultIfEmpty()
            let live = orders.Where(o => o.RecordId == r.Id && o.Status != OrderStatus.Closed && o.Status != OrderStatus.Refunded)
                .Select(o => new { o.Id, o.Status }).FirstOrDefault()
            select new
            {
                r.Level,
                r.College,
                r.Major,
                ClassName = e == null ? "" : e.ClassName,
                Passed = db.Photos.Any(p => p.RecordId == r.Id && p.Passed),
                Live = live == null ? (OrderStatus?)null : live.Status,
                Delivered = live != null && db.DeliveryItems.Any(i => i.OrderId == live.Id
                    && db.DeliveryBatches.Any(b => b.Id == i.BatchId && b.DeliveredAt != null)),
                Refunded = orders.Any(o => o.RecordId == r.Id && o.Status == OrderStatus.Refunded),
                Closed = orders.Any(o => o.RecordId == r.Id && o.Status == OrderStatus.Closed),
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StudentFacts(r.Level, r.College, r.Major, r.ClassName, r.Passed, r.Live, r.Delivered, r.Refunded, r.Closed))];
    }

    private static IReadOnlyList<GroupRow> By(IReadOnlyList<StudentFacts> students, Func<StudentFacts, string> key) =>
        [.. students.GroupBy(key).Select(g => new GroupRow(g.Key, Funnel.Of([.. g]))).OrderByDescending(g => g.Funnel.Verified).ThenBy(g => g.Group, StringComparer.Ordinal)];

    private async Task<IReadOnlyList<DayRow>> DaysAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var school = tenant.RequiredSchool.Id;
        // Days in China time; history events are JSON ("event" 3 = Approve, see OrderEvent), read by PostgreSQL.
        var verified = await db.Database.SqlQuery<DayCount>($"""
            SELECT ("VerifiedAt" AT TIME ZONE 'Asia/Shanghai')::date AS "Day", count(*)::int AS "Count"
            FROM "StudentRecords" WHERE "TenantId" = {school} AND "CampaignId" = {campaignId} GROUP BY 1
            """).ToListAsync(cancellationToken);
        var paid = await db.Database.SqlQuery<DayCount>($"""
            SELECT (p."PaidAt" AT TIME ZONE 'Asia/Shanghai')::date AS "Day", count(DISTINCT o."Id")::int AS "Count"
            FROM "Payments" p JOIN "Orders" o ON o."Id" = p."OrderId"
            WHERE p."TenantId" = {school} AND o."CampaignId" = {campaignId} AND o."Kind" <> 'Reprint' AND p."PaidAt" IS NOT NULL GROUP BY 1
            """).ToListAsync(cancellationToken);
        var approved = await db.Database.SqlQuery<DayCount>($"""
            SELECT ((e->>'at')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date AS "Day", count(*)::int AS "Count"
            FROM "Orders" o, jsonb_array_elements(o."History") e
            WHERE o."TenantId" = {school} AND o."CampaignId" = {campaignId} AND o."Kind" <> 'Reprint' AND e->>'event' = {((int)OrderEvent.Approve).ToString(System.Globalization.CultureInfo.InvariantCulture)}
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var days = verified.Select(d => d.Day).Concat(paid.Select(d => d.Day)).Concat(approved.Select(d => d.Day)).ToHashSet();
        if (days.Count == 0)
        {
            return [];
        }

        // Every day from the first to the last (or today), so a quiet day shows as zero rather than vanishing.
        var (first, last) = (days.Min(), DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).Date));
        last = days.Max() > last ? days.Max() : last;
        static int On(List<DayCount> counts, DateOnly day) => counts.FirstOrDefault(c => c.Day == day)?.Count ?? 0;
        var rows = new List<DayRow>();
        for (var day = first; day <= last && rows.Count < 366; day = day.AddDays(1))
        {
            rows.Add(new DayRow(day, On(verified, day), On(paid, day), On(approved, day)));
        }

        return rows;
    }

    private async Task<IReadOnlyList<ReasonRow>> ReasonsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var school = tenant.RequiredSchool.Id;
        var counts = await db.Database.SqlQuery<ReasonCount>($"""
            SELECT coalesce(e->>'note', '') AS "Code", count(*)::int AS "Count"
            FROM "Orders" o, jsonb_array_elements(o."History") e
            WHERE o."TenantId" = {school} AND o."CampaignId" = {campaignId} AND e->>'event' = {((int)OrderEvent.Reject).ToString(System.Globalization.CultureInfo.InvariantCulture)}
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var titles = await db.RejectReasons.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Title, cancellationToken);
        return [.. counts.Select(c => new ReasonRow(c.Code, titles.GetValueOrDefault(c.Code, c.Code), c.Count)).OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    private async Task<Backlog> BacklogAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Orders.AsNoTracking()
            .Where(o => o.CampaignId == campaignId && o.Status == OrderStatus.PendingReview)
            .Select(o => o.UpdatedAt).ToListAsync(cancellationToken);
        return new Backlog(
            waiting.Count(t => now - t < TimeSpan.FromHours(24)),
            waiting.Count(t => now - t >= TimeSpan.FromHours(24) && now - t < ReviewTarget),
            waiting.Count(t => now - t >= ReviewTarget),
            waiting.Count > 0 ? waiting.Min() : null);
    }

    private async Task<IReadOnlyList<SessionLoad>> SessionsAsync(Guid campaignId, CancellationToken cancellationToken) =>
        await (from s in db.CollectionSessions.AsNoTracking()
               where s.CampaignId == campaignId
               orderby s.Day, s.Place
               select new SessionLoad(s.Id, s.Place, s.Day,
                   db.SessionSlots.Where(x => x.SessionId == s.Id).Sum(x => x.Capacity),
                   db.SlotBookings.Count(b => db.SessionSlots.Any(x => x.Id == b.SlotId && x.SessionId == s.Id))))
            .ToListAsync(cancellationToken);

    private sealed record DayCount(DateOnly Day, int Count);

    private sealed record ReasonCount(string Code, int Count);
}
