using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The school admin's progress dashboard through the real page: its numbers equal the database's (counted here with
/// SQL of the test's own) and move with the students.
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

    // The funnel as the page shows it.
    private static async Task<Dictionary<string, int>> FunnelAsync(HttpClient admin)
    {
        var (_, page) = await Html.GetAsync(admin, Base + "/staff/progress");
        return page.QuerySelectorAll("[data-test=funnel] dd").ToDictionary(
            d => d.GetAttribute("data-stage")!, d => int.Parse(d.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    // The same numbers counted here, straight from the tables with SQL of the test's own.
    private Task<Dictionary<string, int>> CountedAsync() => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!.Id;
        var school = (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign)).TenantId;
        // The conditions are this test's constants, never input.
        var sql = """
            SELECT count(*)::int AS "Value" FROM "StudentRecords" r
            LEFT JOIN "Orders" o ON o."RecordId" = r."Id" AND o."Kind" <> 'Reprint' AND o."Status" NOT IN ('Closed', 'Refunded')
            WHERE r."TenantId" = @school AND r."CampaignId" = @campaign AND ({0})
            """;
#pragma warning disable EF1002 // the formatted parts are this test's own constants
        async Task<int> Count(string where) => await db.Database.SqlQueryRaw<int>(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, where), new Npgsql.NpgsqlParameter("school", school), new Npgsql.NpgsqlParameter("campaign", campaign)).SingleAsync();
        const string Dead = """NOT EXISTS (SELECT 1 FROM "Orders" x WHERE x."RecordId" = r."Id" AND x."Kind" <> 'Reprint' AND x."Status" = '{0}')""";
        return new Dictionary<string, int>
        {
            ["Verified"] = await Count("true"),
            ["PhotoPassed"] = await Count("""EXISTS (SELECT 1 FROM "Photos" p WHERE p."RecordId" = r."Id" AND p."Passed")"""),
            ["Paid"] = await Count("""o."Status" IN ('Paid', 'PendingReview', 'Rejected', 'PendingProduction', 'InProduction', 'Completed')"""),
            ["InReview"] = await Count("""o."Status" IN ('PendingReview', 'Rejected', 'PendingProduction', 'InProduction', 'Completed')"""),
            ["Approved"] = await Count("""o."Status" IN ('PendingProduction', 'InProduction', 'Completed')"""),
            ["Produced"] = await Count("""o."Status" = 'Completed'"""),
            ["Delivered"] = await Count("""o."Status" = 'Completed' AND EXISTS (SELECT 1 FROM "DeliveryItems" i JOIN "DeliveryBatches" b ON b."Id" = i."BatchId" WHERE i."OrderId" = o."Id" AND b."DeliveredAt" IS NOT NULL)"""),
            ["Rejected"] = await Count("""o."Status" = 'Rejected'"""),
            ["Refunded"] = await Count("o.\"Id\" IS NULL AND NOT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Dead, "Refunded")),
            ["Closed"] = await Count("o.\"Id\" IS NULL AND " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Dead, "Refunded") + " AND NOT " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Dead, "Closed")),
        };
    });
}
