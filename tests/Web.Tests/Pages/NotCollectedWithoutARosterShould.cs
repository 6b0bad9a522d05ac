using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The not-collected list where a campaign has no roster (教学服〔2022〕10号: a school need not give the vendor one):
/// built from the students who came, saying that those who never came cannot be listed; and per campaign, from the
/// roster's students of the campaign's levels once there are some. A class of its own: it deletes the school's roster
/// in its own database, which the demo schools' other tests rely on.
/// </summary>
public sealed class NotCollectedWithoutARosterShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task ListTheStudentsWhoCameAndSaySoWhenTheCampaignHasNoRoster()
    {
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        // The registry simulator issues codes for roster students only: the students come first, the roster goes after.
        var (paid, unpaid, noOrder, campaignId) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var paid = (await Delivered.OrderAsync(sp, OrderStatus.PendingReview)).Record;
            var unpaid = (await Delivered.OrderAsync(sp, OrderStatus.PendingPayment)).Record;
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var noOrder = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.AccountId == account.Id && r.CampaignId == campaign.Id);
            Assert.True(await db.Roster.AnyAsync());
            await db.Roster.ExecuteDeleteAsync();
            return (paid, unpaid, noOrder, campaign.Id);
        });

        var (_, page) = await Html.GetAsync(admin, $"{Base}/staff/students?View=missing");
        Assert.Equal("visitors", page.QuerySelector("[data-test=missing-source]")?.GetAttribute("data-from"));
        Assert.Contains("无法列出从未来采集的学生", page.Text("[data-test=missing-source]"), StringComparison.Ordinal);
        var listed = page.QuerySelectorAll("[data-test=missing]").Select(r => r.GetAttribute("data-student")!).ToList();
        Assert.Equal(await CameAndNotPaidAsync(campaignId), listed);
        Assert.Contains(unpaid.StudentNumber, listed);
        Assert.Contains(noOrder.StudentNumber, listed);
        Assert.DoesNotContain(paid.StudentNumber, listed);
        Assert.Equal("待支付", page.Text($"[data-test=missing][data-student='{unpaid.StudentNumber}'] td:last-child"));
        Assert.Equal("已核验，未下单", page.Text($"[data-test=missing][data-student='{noOrder.StudentNumber}'] td:last-child"));

        var (_, english) = await Html.GetAsync(admin, $"{Base}/staff/students?View=missing&culture=en");
        Assert.Contains("students who never came cannot be listed", english.Text("[data-test=missing-source]"), StringComparison.Ordinal);

        var csv = await admin.GetAsync($"{Base}/staff/students?View=missing&handler=Export&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(listed, lines.Skip(1).Select(l => l.Split(',')[0]));

        // A roster of levels this campaign does not collect is still no roster for it.
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Campaigns.SingleAsync(c => c.Id == campaignId)).Levels = ["本科", "硕士研究生", "博士研究生"];
            db.Roster.Add(new RosterEntry { StudentNumber = "2024900001", Name = "专科生", IdLastFour = "0000", Level = "专科" });
            await db.SaveChangesAsync();
        });
        (_, page) = await Html.GetAsync(admin, $"{Base}/staff/students?View=missing");
        Assert.Equal("visitors", page.QuerySelector("[data-test=missing-source]")?.GetAttribute("data-from"));
        Assert.Equal(await CameAndNotPaidAsync(campaignId), page.QuerySelectorAll("[data-test=missing]").Select(r => r.GetAttribute("data-student")!));

        // One roster student of a level it collects, who never came: now the list is the roster's, and only the roster's.
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Roster.Add(new RosterEntry { StudentNumber = "2024900002", Name = "从未来过", IdLastFour = "0000", Level = "本科" });
            await db.SaveChangesAsync();
        });
        (_, page) = await Html.GetAsync(admin, $"{Base}/staff/students?View=missing");
        Assert.Equal("roster", page.QuerySelector("[data-test=missing-source]")?.GetAttribute("data-from"));
        var row = Assert.Single(page.QuerySelectorAll("[data-test=missing]"));
        Assert.Equal(("2024900002", "未核验"), (row.GetAttribute("data-student"), row.QuerySelector("td:last-child")?.TextContent.Trim()));
    }

    // The campaign's verified students without an order that is paid and not refunded, counted here with SQL of the
    // test's own, by student number.
    private Task<List<string>> CameAndNotPaidAsync(Guid campaignId) => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var school = (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId)).TenantId;
        return await db.Database.SqlQueryRaw<string>("""
            SELECT r."StudentNumber" AS "Value" FROM "StudentRecords" r
            WHERE r."TenantId" = @school AND r."CampaignId" = @campaign AND NOT EXISTS (
                SELECT 1 FROM "Orders" o WHERE o."RecordId" = r."Id" AND o."Kind" <> 'Reprint'
                    AND o."Status" NOT IN ('PendingPayment', 'Closed', 'Refunded'))
            ORDER BY r."StudentNumber" COLLATE "C"
            """, new NpgsqlParameter("school", school), new NpgsqlParameter("campaign", campaignId)).ToListAsync();
    });
}
