using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The audit trail: each staff action (sign-in and failed sign-in, approve, reject, record correction, campaign
/// settings with the fields changed, exports, API keys) leaves a row with who, where and what; the database refuses
/// to update, delete or truncate them; a school admin sees the school's trail, the operator every school's.
/// </summary>
public sealed class AuditTrailShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task RecordWhoDidWhatAndShowTheSchoolItsOwnTrail()
    {
        var stranger = app.Browser();
        Assert.NotEqual(HttpStatusCode.Redirect, (await Sessions.StaffSignInAsync(stranger, "nanhu", DemoSeeder.StaffEmail("nanhu", "admin"), "wrong-password")).StatusCode);
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));

        // Review, a correction at the desk (services: the system acts), then the admin's own actions through the pages.
        var (approved, rejected) = await app.InSchoolAsync(AppFactory.B, async sp => (
            (await Delivered.OrderAsync(sp, OrderStatus.PendingProduction)).Order, (await Delivered.OrderAsync(sp, OrderStatus.Rejected)).Order));
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var record = (await sp.GetRequiredService<CollectionFlow>().RecordAsync(account.Id, campaign))!;
            Assert.Null(await sp.GetRequiredService<OnSiteDesk>().CorrectAsync(campaign, record.Id, "张三丰", "11010519491231002X", "核对身份证原件", "admin@nanhu.demo"));
        });
        var (_, campaignPage) = await Html.GetAsync(admin, Base + "/staff/campaign");
        await Html.SubmitAsync(admin, campaignPage, "[data-test=save-campaign]", new Dictionary<string, string?> { ["Input.SupportHours"] = "工作日 8:30–17:30" });
        await admin.GetAsync(Base + "/staff/students?handler=Export&format=csv");
        var (_, keys) = await Html.GetAsync(admin, Base + "/staff/api-keys");
        await Html.SubmitAsync(admin, keys, "[data-test=create-api-key]", new Dictionary<string, string?> { ["Name"] = "一卡通" });

        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        AuditEvent One(string action, Func<AuditEvent, bool>? where = null) => Assert.Single(trail, e => e.Action == action && (where?.Invoke(e) ?? true));

        var failed = One(AuditActions.SignInFailed, e => e.Who == "admin@nanhu.demo");
        Assert.NotEqual("", failed.Address);
        Assert.Contains("SchoolAdmin", One(AuditActions.SignIn, e => e.Who == "admin@nanhu.demo").Roles, StringComparison.Ordinal);
        One(AuditActions.Approve, e => e.Subject == approved.Number);
        Assert.Contains("\"reason\"", One(AuditActions.Reject, e => e.Subject == rejected.Number).Details, StringComparison.Ordinal);
        var correction = One(AuditActions.RecordCorrection);
        Assert.Contains("IdNumber", correction.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", correction.Details, StringComparison.Ordinal);
        var settings = One(AuditActions.CampaignSettings);
        Assert.Equal("admin@nanhu.demo", settings.Who);
        Assert.Contains("SupportHours", settings.Details, StringComparison.Ordinal);
        Assert.Contains("8:30–17:30", settings.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Name\"", settings.Details, StringComparison.Ordinal);
        Assert.Equal("admin@nanhu.demo", One(AuditActions.Export, e => e.Subject.StartsWith("students-csv", StringComparison.Ordinal)).Who);
        One(AuditActions.KeyCreated, e => e.Details!.Contains("一卡通", StringComparison.Ordinal));
        Assert.All(trail, e => Assert.NotNull(e.TenantId));

        // The page shows the school's trail, filtered; another school's rows never appear.
        var other = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, page) = await Html.GetAsync(admin, Base + "/staff/audit");
        var (_, onlyExports) = await Html.GetAsync(admin, Base + "/staff/audit?Action=export");
        var (_, bad) = await Html.GetAsync(admin, Base + "/staff/audit?From=yesterday");
        Assert.Equal(trail.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-test=audit-total]")?.GetAttribute("data-count"));
        Assert.DoesNotContain(page.QuerySelectorAll("[data-test=audit-event]"), r => r.GetAttribute("data-who") == DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        Assert.All(onlyExports.QuerySelectorAll("[data-test=audit-event]"), r => Assert.Equal("export", r.GetAttribute("data-action")));
        Assert.NotNull(bad.QuerySelector("[data-test=audit-error]"));
        var today = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, todays) = await Html.GetAsync(admin, $"{Base}/staff/audit?From={today}&To={today}");
        var (_, longAgo) = await Html.GetAsync(admin, $"{Base}/staff/audit?To=2020-01-01");
        Assert.Equal(page.QuerySelector("[data-test=audit-total]")?.GetAttribute("data-count"), todays.QuerySelector("[data-test=audit-total]")?.GetAttribute("data-count"));
        Assert.Equal("0", longAgo.QuerySelector("[data-test=audit-total]")?.GetAttribute("data-count"));
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync(Base + "/staff/audit?handler=Csv"));
        Assert.Contains("settings.campaign", csv, StringComparison.Ordinal);
        var reviewer = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "reviewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Base + "/staff/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Base + "/staff/audit")).StatusCode);

        // The operator, on the platform, sees every school's rows.
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var (_, all) = await Html.GetAsync(op, "/staff/audit?Who=@");
        var who = all.QuerySelectorAll("[data-test=audit-event]").Select(r => r.GetAttribute("data-who")).ToHashSet();
        Assert.Contains("admin@nanhu.demo", who);
        Assert.Contains(DemoSeeder.StaffEmail(AppFactory.A, "admin"), who);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/staff/audit")).StatusCode);
        await op.GetByteArrayAsync("/staff/audit?handler=Csv");
        var operatorExport = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .SingleAsync(e => e.Action == AuditActions.Export && e.TenantId == null));
        Assert.Equal(DemoSeeder.OperatorEmail, operatorExport.Who);
    }

    [Theory]
    [InlineData("""UPDATE "AuditEvents" SET "Who" = 'someone else'""")]
    [InlineData("""DELETE FROM "AuditEvents" """)]
    [InlineData("""TRUNCATE "AuditEvents" """)]
    public async Task RefuseToRewriteTheTrail(string sql)
    {
        await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var refused = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            Assert.True(await db.AuditEvents.AnyAsync());
            var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
            return (error.SqlState, await db.AuditEvents.CountAsync(e => e.Who == "someone else"), await db.AuditEvents.AnyAsync());
        });

        Assert.Equal(("42501", 0, true), refused);
    }
}
