using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Batches;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The school admin's progress dashboard through the real page: its numbers (the funnel, the breakdowns by level,
/// college, major and class, the daily trend, rejection reasons, the review queue against 48 hours, the on-site
/// sessions' load) equal the database's, counted here with SQL of the test's own, and move with the students.
/// </summary>
public sealed class ProgressDashboardShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task ShowTheDatabasesNumbersOnTheDashboardAndFollowTheStudents()
    {
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            foreach (var status in new[] { OrderStatus.Completed, OrderStatus.PendingReview, OrderStatus.Rejected, OrderStatus.PendingPayment, OrderStatus.PendingProduction })
            {
                await Delivered.OrderAsync(sp, status);
            }

            await OnSite.VerifiedStudentAsync(sp);
        });

        var before = await FunnelAsync(admin);
        Assert.Equal(await CountedAsync(), before);
        Assert.True(before["Verified"] >= 6 && before["Produced"] >= 1 && before["Rejected"] >= 1, string.Join(", ", before));

        // One more student goes all the way: the dashboard moves by one at each stage the student passed.
        await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var after = await FunnelAsync(admin);
        foreach (var stage in new[] { "Verified", "PhotoPassed", "Paid", "InReview", "Approved", "Produced" })
        {
            Assert.Equal(before[stage] + 1, after[stage]);
        }

        Assert.Equal((before["Rejected"], before["Delivered"]), (after["Rejected"], after["Delivered"]));
        Assert.Equal(await CountedAsync(), after);

        var (_, page) = await Html.GetAsync(admin, Base + "/staff/progress");
        Assert.Equal(7, page.QuerySelectorAll("[data-test=funnel] dd").Length - 3);
        Assert.True(page.QuerySelectorAll("svg.chart").Length >= 5);
        Assert.NotNull(page.QuerySelector("[data-test=breakdown-bylevel] tr[data-group]"));
        Assert.NotNull(page.QuerySelector("[data-live]"));
    }

    [Fact]
    public async Task ShowEveryBreakdownTheTrendReasonsBacklogAndSessionsAsTheDatabaseCountsThem()
    {
        // Students of three levels, several colleges, majors and classes (some without a class), over three days: a
        // photo that waits 50 hours, one 25 hours and one just now; rejections for two reasons; a refund; a delivery;
        // two bookings in an on-site session of three places.
        var (session, slot) = await app.NewSessionAsync(capacity: 3);
        var reasons = await app.InSchoolAsync(AppFactory.B, async sp => (await sp.GetRequiredService<ReviewDesk>().ReasonsAsync()).Select(r => r.Code).ToList());
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            await Delivered.OrderAsync(sp, OrderStatus.Completed, studentNumber: await Rostered.NewAsync(sp, "本科", "计算机学院", "软件工程", "2027届软件1班"));
            await PaidThroughSandboxAsync(sp, await Rostered.NewAsync(sp, "本科", "计算机学院", "软件工程", "2027届软件1班"));
            await Delivered.OrderAsync(sp, OrderStatus.Rejected, studentNumber: await Rostered.NewAsync(sp, "硕士研究生", "外国语学院", "英语", "2027届英语研1班"));
            await Delivered.OrderAsync(sp, OrderStatus.PendingPayment, studentNumber: await Rostered.NewAsync(sp, "本科", "外国语学院", "日语"));
            var (refunded, _) = await Delivered.OrderAsync(sp, OrderStatus.Completed, studentNumber: await Rostered.NewAsync(sp, "博士研究生", "化学学院", "有机化学"));
            await sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == refunded.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Refunded));
            foreach (var college in new[] { "化学学院", "计算机学院" })
            {
                var (account, campaign) = await OnSite.VerifiedStudentAsync(sp, await Rostered.NewAsync(sp, "博士研究生", college, "有机化学"));
                var onSite = sp.GetRequiredService<OnSiteFlow>();
                await OnSite.PayAsync(sp, (await onSite.StartAsync(account.Id, campaign)).Value!);
                Assert.Null((await onSite.BookAsync(account.Id, campaign, slot.Id, bookedBy: null)).Problem);
            }

            var deliveries = sp.GetRequiredService<Deliveries>();
            var batch = await deliveries.CreateAsync(new Deliveries.Selection(refunded.CampaignId, null, null, false), Guid.NewGuid(), default);
            await deliveries.WriteZipAsync(batch!, Stream.Null, new ExportLog.Requester(Guid.NewGuid(), null, "203.0.113.9"), default);
        });

        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            await PaidThroughSandboxAsync(sp, await Rostered.NewAsync(sp, "本科", "计算机学院", "计算机科学与技术", "2027届计科2班"));
            var order = await PaidThroughSandboxAsync(sp, await Rostered.NewAsync(sp, "本科", "文学院", "汉语言文学"));
            Assert.True((await sp.GetRequiredService<ReviewDesk>().RejectAsync(order.Id, "reviewer@nanhu.demo", reasons[1])).Succeeded);
        });

        app.Clock.Advance(TimeSpan.FromHours(25));
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            await PaidThroughSandboxAsync(sp, await Rostered.NewAsync(sp, "硕士研究生", "计算机学院", "软件工程"));
            var order = await PaidThroughSandboxAsync(sp, await Rostered.NewAsync(sp, "本科", "文学院", "汉语言文学", "2027届汉语1班"));
            Assert.True((await sp.GetRequiredService<ReviewDesk>().RejectAsync(order.Id, "reviewer@nanhu.demo", reasons[1])).Succeeded);
            await Delivered.OrderAsync(sp, OrderStatus.Completed, studentNumber: await Rostered.NewAsync(sp, "本科", "外国语学院", "英语", "2027届英语1班"));
        });

        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var (_, page) = await Html.GetAsync(admin, Base + "/staff/progress");

        // Each breakdown's table, row by row and column by column, against the same funnel grouped here.
        string[] columns = ["Verified", "PhotoPassed", "Paid", "InReview", "Approved", "Produced", "Delivered", "Rejected", "Refunded"];
        const string ClassOf = """coalesce((SELECT e."ClassName" FROM "Roster" e WHERE e."TenantId" = r."TenantId" AND e."StudentNumber" = r."StudentNumber"), '')""";
        foreach (var (table, group, least) in new[]
        {
            ("breakdown-bylevel", "r.\"Level\"", 3),
            ("breakdown-bycollege", "r.\"College\"", 4),
            ("breakdown-bymajor", "btrim(r.\"College\" || ' ' || r.\"Major\")", 6),
            ("breakdown-byclass", ClassOf, 6),
        })
        {
            var counted = await CountedByAsync(group);
            var shown = page.QuerySelectorAll($"[data-test={table}] tr[data-group]").ToDictionary(
                r => r.GetAttribute("data-group")!,
                r => columns.Zip(r.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent, CultureInfo.InvariantCulture))).ToDictionary(p => p.First, p => p.Second));
            Assert.True(counted.Count >= least, $"{table}: only {counted.Count} groups");
            Assert.Equal(counted.Keys.Order(StringComparer.Ordinal), shown.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, stages) in counted)
            {
                Assert.Equal(columns.Select(c => $"{key} {c} {stages[c]}"), columns.Select(c => $"{key} {c} {shown[key][c]}"));
            }
        }

        var now = app.Clock.GetUtcNow();
        var (days, rejections, backlog, sessions) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (db, school, campaign) = await CampaignAsync(sp);
            const string Day = """to_char(({0} AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD')""";
            var verified = await KeyCountsAsync(db, $"""
                SELECT {string.Format(CultureInfo.InvariantCulture, Day, "\"VerifiedAt\"")} AS "Key", count(*)::int AS "Count"
                FROM "StudentRecords" WHERE "TenantId" = @school AND "CampaignId" = @campaign GROUP BY 1
                """, school, campaign);
            // Paid: the orders whose payment went through at the provider that day (an order paid here by a grain call,
            // as the other test's are, has no payment row).
            var paid = await KeyCountsAsync(db, $"""
                SELECT {string.Format(CultureInfo.InvariantCulture, Day, "p.\"PaidAt\"")} AS "Key", count(DISTINCT p."OrderId")::int AS "Count"
                FROM "Payments" p JOIN "Orders" o ON o."Id" = p."OrderId"
                WHERE p."TenantId" = @school AND o."CampaignId" = @campaign AND o."Kind" <> 'Reprint' AND p."PaidAt" IS NOT NULL
                GROUP BY 1
                """, school, campaign);
            var approved = await KeyCountsAsync(db, $"""
                SELECT {string.Format(CultureInfo.InvariantCulture, Day, "(e->>'at')::timestamptz")} AS "Key", count(*)::int AS "Count"
                FROM "Orders" o CROSS JOIN LATERAL jsonb_array_elements(o."History") e
                WHERE o."TenantId" = @school AND o."CampaignId" = @campaign AND o."Kind" <> 'Reprint' AND e->>'event' = '{(int)OrderEvent.Approve}'
                GROUP BY 1
                """, school, campaign);
            var byDay = verified.Concat(paid).Concat(approved).Select(d => d.Key).Distinct()
                .ToDictionary(d => d, d => (verified.Where(x => x.Key == d).Sum(x => x.Count), paid.Where(x => x.Key == d).Sum(x => x.Count), approved.Where(x => x.Key == d).Sum(x => x.Count)));
            var rejected = await KeyCountsAsync(db, $"""
                SELECT e->>'note' AS "Key", count(*)::int AS "Count"
                FROM "Orders" o CROSS JOIN LATERAL jsonb_array_elements(o."History") e
                WHERE o."TenantId" = @school AND o."CampaignId" = @campaign AND e->>'event' = '{(int)OrderEvent.Reject}'
                GROUP BY 1
                """, school, campaign);
            var waiting = await KeyCountsAsync(db, """
                SELECT CASE WHEN @now - "UpdatedAt" < interval '24 hours' THEN 'under24' WHEN @now - "UpdatedAt" < interval '48 hours' THEN 'under48' ELSE 'over48' END AS "Key",
                    count(*)::int AS "Count"
                FROM "Orders" WHERE "TenantId" = @school AND "CampaignId" = @campaign AND "Status" = 'PendingReview' GROUP BY 1
                """, school, campaign, now);
            var load = await KeyCountsAsync(db, """
                SELECT s."Id"::text || ' ' || coalesce((SELECT sum(x."Capacity") FROM "SessionSlots" x WHERE x."SessionId" = s."Id"), 0)::text AS "Key",
                    (SELECT count(*) FROM "SlotBookings" b JOIN "SessionSlots" x ON x."Id" = b."SlotId" WHERE x."SessionId" = s."Id")::int AS "Count"
                FROM "CollectionSessions" s WHERE s."TenantId" = @school AND s."CampaignId" = @campaign
                """, school, campaign);
            return (byDay, rejected.ToDictionary(r => r.Key, r => r.Count), waiting.ToDictionary(r => r.Key, r => r.Count), load.ToDictionary(r => r.Key, r => r.Count));
        });

        // The trend: three days with students, each shown with the database's counts; the other shown days are zero.
        var trend = page.QuerySelectorAll("[data-test=trend] tr[data-day]").ToDictionary(
            r => r.GetAttribute("data-day")!,
            r => r.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent, CultureInfo.InvariantCulture)).ToArray());
        Assert.True(days.Count >= 3, string.Join(", ", days.Keys));
        Assert.Equal(OnSiteFlow.ChinaDay(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), trend.Keys.Max());
        foreach (var (day, counts) in trend)
        {
            var (v, p, a) = days.GetValueOrDefault(day);
            Assert.Equal($"{day} {v} {p} {a}", $"{day} {counts[0]} {counts[1]} {counts[2]}");
        }

        Assert.All(days.Keys, d => Assert.Contains(d, trend.Keys));
        Assert.Contains(days.Values, d => d.Item2 >= 2);

        // Rejections by reason, most first: the second reason twice here, each rejection counted.
        var reasonRows = page.QuerySelectorAll("[data-test=reasons] tr[data-reason]").Select(r => (Code: r.GetAttribute("data-reason")!, Count: int.Parse(r.QuerySelector("td")!.TextContent, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(rejections.OrderBy(r => r.Key, StringComparer.Ordinal), reasonRows.ToDictionary(r => r.Code, r => r.Count).OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.True(rejections.GetValueOrDefault(reasons[1]) >= 2 && rejections.Count >= 2, string.Join(", ", rejections));
        Assert.Equal(reasonRows.Select(r => r.Count).OrderDescending(), reasonRows.Select(r => r.Count));

        // The review queue against 48 hours: one photo in each bucket at least.
        var queue = page.QuerySelector("[data-test=backlog]")!;
        Assert.Equal(
            (backlog.GetValueOrDefault("under24"), backlog.GetValueOrDefault("under48"), backlog.GetValueOrDefault("over48")),
            (int.Parse(queue.GetAttribute("data-under24")!, CultureInfo.InvariantCulture), int.Parse(queue.GetAttribute("data-under48")!, CultureInfo.InvariantCulture), int.Parse(queue.GetAttribute("data-over48")!, CultureInfo.InvariantCulture)));
        Assert.True(backlog.Count == 3 && backlog.Values.All(n => n >= 1), string.Join(", ", backlog));

        // Every session's bookings and capacity; the test's session has two of three places taken.
        var loads = page.QuerySelectorAll("[data-test=sessions] tr[data-session]").ToDictionary(
            r => r.GetAttribute("data-session") + " " + r.QuerySelectorAll("td")[1].TextContent,
            r => int.Parse(r.QuerySelectorAll("td")[0].TextContent, CultureInfo.InvariantCulture));
        Assert.Equal(sessions.OrderBy(s => s.Key, StringComparer.Ordinal), loads.OrderBy(s => s.Key, StringComparer.Ordinal));
        Assert.Equal(2, sessions[$"{session.Id} 3"]);
    }

    // A new roster student's order paid through the Sandbox provider, as the student's cashier would: a payment row
    // with its time, and the order waiting for review.
    private static async Task<Order> PaidThroughSandboxAsync(IServiceProvider sp, string studentNumber)
    {
        var (order, _) = await Delivered.OrderAsync(sp, OrderStatus.PendingPayment, studentNumber: studentNumber);
        var (payment, _, problem) = await sp.GetRequiredService<PaymentService>().StartAsync(order.AccountId, order.Id, new PayContext("http://localhost/s/nanhu", PayChannel.Desktop, "203.0.113.9", null));
        Assert.Null(problem);
        var (body, signature) = await Sandbox.NotificationAsync(sp, payment!.Id, paid: true);
        await Sandbox.HandleAsync(sp, body, signature);
        var paid = await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        Assert.Equal(OrderStatus.PendingReview, paid.Status);
        return paid;
    }

    // The funnel as the page shows it.
    private static async Task<Dictionary<string, int>> FunnelAsync(HttpClient admin)
    {
        var (_, page) = await Html.GetAsync(admin, Base + "/staff/progress");
        return page.QuerySelectorAll("[data-test=funnel] dd").ToDictionary(
            d => d.GetAttribute("data-stage")!, d => int.Parse(d.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The same numbers counted here, straight from the tables with SQL of the test's own.
    private async Task<Dictionary<string, int>> CountedAsync() => (await CountedByAsync("''")).GetValueOrDefault("") ?? [];

    // The funnel of each group (a SQL expression over the record r), counted here: group → stage → students.
    private Task<Dictionary<string, Dictionary<string, int>>> CountedByAsync(string group) => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var (db, school, campaign) = await CampaignAsync(sp);
        // The conditions are this test's constants, never input.
        var sql = """
            SELECT ({0})::text AS "Key", count(*)::int AS "Count" FROM "StudentRecords" r
            LEFT JOIN "Orders" o ON o."RecordId" = r."Id" AND o."Kind" <> 'Reprint' AND o."Status" NOT IN ('Closed', 'Refunded')
            WHERE r."TenantId" = @school AND r."CampaignId" = @campaign AND ({1})
            GROUP BY 1
            """;
        const string Dead = """NOT EXISTS (SELECT 1 FROM "Orders" x WHERE x."RecordId" = r."Id" AND x."Kind" <> 'Reprint' AND x."Status" = '{0}')""";
        var stages = new Dictionary<string, string>
        {
            ["Verified"] = "true",
            ["PhotoPassed"] = """EXISTS (SELECT 1 FROM "Photos" p WHERE p."RecordId" = r."Id" AND p."Passed")""",
            ["Paid"] = """o."Status" IN ('Paid', 'PendingReview', 'Rejected', 'PendingProduction', 'InProduction', 'Completed')""",
            ["InReview"] = """o."Status" IN ('PendingReview', 'Rejected', 'PendingProduction', 'InProduction', 'Completed')""",
            ["Approved"] = """o."Status" IN ('PendingProduction', 'InProduction', 'Completed')""",
            ["Produced"] = """o."Status" = 'Completed'""",
            ["Delivered"] = """o."Status" = 'Completed' AND EXISTS (SELECT 1 FROM "DeliveryItems" i JOIN "DeliveryBatches" b ON b."Id" = i."BatchId" WHERE i."OrderId" = o."Id" AND b."DeliveredAt" IS NOT NULL)""",
            ["Rejected"] = """o."Status" = 'Rejected'""",
            ["Refunded"] = "o.\"Id\" IS NULL AND NOT " + string.Format(CultureInfo.InvariantCulture, Dead, "Refunded"),
            ["Closed"] = "o.\"Id\" IS NULL AND " + string.Format(CultureInfo.InvariantCulture, Dead, "Refunded") + " AND NOT " + string.Format(CultureInfo.InvariantCulture, Dead, "Closed"),
        };
        var counted = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (stage, where) in stages)
        {
            foreach (var row in await KeyCountsAsync(db, string.Format(CultureInfo.InvariantCulture, sql, group, where), school, campaign))
            {
                counted.TryAdd(row.Key, stages.Keys.ToDictionary(k => k, _ => 0));
                counted[row.Key][stage] = row.Count;
            }
        }

        return counted;
    });

    // A query of this test's own that answers "Key" and "Count" rows, with @school, @campaign and @now.
    private static async Task<List<KeyCount>> KeyCountsAsync(AppDbContext db, string sql, Guid school, Guid campaign, DateTimeOffset? now = null)
    {
#pragma warning disable EF1002 // the formatted parts are this test's own constants
        return await db.Database.SqlQueryRaw<KeyCount>(sql, new NpgsqlParameter("school", school), new NpgsqlParameter("campaign", campaign),
            new NpgsqlParameter("now", (now ?? DateTimeOffset.UtcNow).UtcDateTime)).ToListAsync();
#pragma warning restore EF1002
    }

    private static async Task<(AppDbContext Db, Guid School, Guid Campaign)> CampaignAsync(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!.Id;
        var school = (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign)).TenantId;
        return (db, school, campaign);
    }

    private sealed record KeyCount(string Key, int Count);
}
