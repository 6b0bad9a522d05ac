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

    /// <summary>
    /// The verified students of the campaign, grouped by what the dashboard counts (level, college, major, class and
    /// where each stands): a few hundred rows however large the class. PostgreSQL joins the orders, photos and
    /// deliveries once each (hash joins) rather than once per student.
    /// </summary>
    public async Task<IReadOnlyList<StudentFacts>> FactsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var school = tenant.RequiredSchool.Id;
        var rows = await db.Database.SqlQuery<FactRow>($"""
            SELECT r."Level", r."College", r."Major", coalesce(e."ClassName", '') AS "ClassName",
                p."RecordId" IS NOT NULL AS "PhotoPassed", o."Live", coalesce(o."Delivered", false) AS "Delivered",
                coalesce(o."Refunded", false) AS "Refunded", coalesce(o."Closed", false) AS "Closed", count(*)::int AS "Count"
            FROM "StudentRecords" r
            LEFT JOIN "Roster" e ON e."TenantId" = r."TenantId" AND e."StudentNumber" = r."StudentNumber"
            LEFT JOIN (SELECT DISTINCT "RecordId" FROM "Photos" WHERE "TenantId" = {school} AND "Passed") p ON p."RecordId" = r."Id"
            LEFT JOIN (
                SELECT o."RecordId",
                    max(o."Status") FILTER (WHERE o."Status" NOT IN ('Closed', 'Refunded')) AS "Live",
                    bool_or(o."Status" NOT IN ('Closed', 'Refunded') AND d."OrderId" IS NOT NULL) AS "Delivered",
                    bool_or(o."Status" = 'Refunded') AS "Refunded",
                    bool_or(o."Status" = 'Closed') AS "Closed"
                FROM "Orders" o
                LEFT JOIN (SELECT DISTINCT i."OrderId" FROM "DeliveryItems" i JOIN "DeliveryBatches" b ON b."Id" = i."BatchId"
                           WHERE i."TenantId" = {school} AND b."TenantId" = {school} AND b."DeliveredAt" IS NOT NULL) d ON d."OrderId" = o."Id"
                WHERE o."TenantId" = {school} AND o."CampaignId" = {campaignId} AND o."Kind" <> 'Reprint'
                GROUP BY o."RecordId") o ON o."RecordId" = r."Id"
            WHERE r."TenantId" = {school} AND r."CampaignId" = {campaignId}
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
            """).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StudentFacts(r.Level, r.College, r.Major, r.ClassName, r.PhotoPassed,
            r.Live is null ? null : Enum.Parse<OrderStatus>(r.Live), r.Delivered, r.Refunded, r.Closed, r.Count))];
    }

    private static IReadOnlyList<GroupRow> By(IReadOnlyList<StudentFacts> students, Func<StudentFacts, string> key) =>
        [.. students.GroupBy(key).Select(g => new GroupRow(g.Key, Funnel.Of([.. g]))).OrderByDescending(g => g.Funnel.Verified).ThenBy(g => g.Group, StringComparer.Ordinal)];

    private sealed record FactRow(string Level, string College, string Major, string ClassName, bool PhotoPassed, string? Live,
        bool Delivered, bool Refunded, bool Closed, int Count);

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
            WHERE p."TenantId" = {school} AND o."TenantId" = {school} AND o."CampaignId" = {campaignId} AND o."Kind" <> 'Reprint' AND p."PaidAt" IS NOT NULL GROUP BY 1
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
        var last = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).Date);
        last = days.Max() > last ? days.Max() : last;
        // At most a year, the latest.
        var first = days.Min() < last.AddDays(-365) ? last.AddDays(-365) : days.Min();
        static int On(List<DayCount> counts, DateOnly day) => counts.FirstOrDefault(c => c.Day == day)?.Count ?? 0;
        var rows = new List<DayRow>();
        for (var day = first; day <= last; day = day.AddDays(1))
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
