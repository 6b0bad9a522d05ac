using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Collection.Registry;
using Photocollect.Collection.Retention;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Batches;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Retention;

/// <summary>
/// The retention periods on the school admin's campaign page: a wrong value is refused with the field named and kept as
/// typed, nothing saved; good values are saved, audited field by field, and the purge follows them (a campaign set to
/// keep longer keeps its files while a campaign on the defaults loses them). Its own app: the test moves the clock.
/// </summary>
public sealed class RetentionSettingsShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RefuseAWrongPeriodAndKeepWhatWasTyped()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/beifang/staff/campaign");
        Assert.Equal("30", page.QuerySelector("#SourcePhotoDays")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#IdNumberDays")?.GetAttribute("value"));

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.SourcePhotoDays"] = "thirty",
            ["Input.PhoneDays"] = "-5",
            ["Input.StandardPhotoDays"] = "",
            ["Input.Price"] = "31.00",
        }));
        var (_, after) = await Html.GetAsync(admin, "/s/beifang/staff/campaign");

        Assert.Equal(["Campaign.Error.Retention"], refused.QuerySelectorAll("[data-error]").Select(e => e.GetAttribute("data-error")));
        var message = refused.Text("[data-error='Campaign.Error.Retention']")!;
        Assert.Contains("学生上传的原始照片：交付后保留天数、手机号：采集结束后保留天数", message, StringComparison.Ordinal);
        Assert.DoesNotContain("标准照：", message, StringComparison.Ordinal);
        Assert.Equal(("thirty", "true"), (refused.QuerySelector("#SourcePhotoDays")?.GetAttribute("value"), refused.QuerySelector("#SourcePhotoDays")?.GetAttribute("aria-invalid")));
        Assert.Equal("-5", refused.QuerySelector("#PhoneDays")?.GetAttribute("value"));
        Assert.Equal("31.00", refused.QuerySelector("#Price")?.GetAttribute("value"));
        Assert.Null(refused.QuerySelector("#StandardPhotoDays")?.GetAttribute("aria-invalid"));
        Assert.Equal("30", after.QuerySelector("#SourcePhotoDays")?.GetAttribute("value"));
        Assert.NotEqual("31.00", after.QuerySelector("#Price")?.GetAttribute("value"));
    }

    [Fact]
    public async Task KeepTheFilesOfACampaignWithALongerSetting()
    {
        // The second school keeps everything 400 days, ID numbers to the end of the campaign year (left empty).
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");
        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.SourcePhotoDays"] = "400",
            ["Input.AdmissionPhotoDays"] = " 400 ",
            ["Input.StandardPhotoDays"] = "400",
            ["Input.IdNumberDays"] = "",
            ["Input.PhoneDays"] = "400",
        }));
        Assert.NotNull(saved.QuerySelector("[data-test=campaign-saved]"));
        Assert.Equal(("400", "400", null), (saved.QuerySelector("#AdmissionPhotoDays")?.GetAttribute("value"),
            saved.QuerySelector("#PhoneDays")?.GetAttribute("value"), saved.QuerySelector("#IdNumberDays")?.GetAttribute("value")));
        var changed = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.CampaignSettings).OrderByDescending(e => e.Id).FirstAsync());
        using (var details = System.Text.Json.JsonDocument.Parse(changed.Details!))
        {
            var changes = details.RootElement.GetProperty("changes");
            var source = changes.GetProperty("SourcePhotoRetentionDays");
            Assert.Equal((30, 400), (source.GetProperty("from").GetInt32(), source.GetProperty("to").GetInt32()));
            Assert.False(changes.TryGetProperty("IdNumberRetentionDays", out _));
        }

        // A delivered student there, and a student of the first school (the defaults) who uploaded and never ordered.
        var (_, kept) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var done = await Delivered.OrderAsync(sp, OrderStatus.Completed);
            var deliveries = sp.GetRequiredService<Deliveries>();
            var batch = await deliveries.CreateAsync(new Deliveries.Selection(done.Order.CampaignId, null, null, false), Guid.NewGuid(), default);
            await deliveries.WriteZipAsync(batch!, Stream.Null, new ExportLog.Requester(Guid.NewGuid(), null, "203.0.113.9"), default);
            return done;
        });
        var purged = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(DemoSeeder.Schools[0].Code, await Journeys.UnusedStudentNumberAsync(sp));
            Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Record);
            Assert.Null((await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(DemoSeeder.FeatureCode(AppFactory.A), null, null, null, null))).Problem);
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            Assert.Null((await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto())).Problem);
            return await sp.GetRequiredService<AppDbContext>().StudentRecords.AsNoTracking().SingleAsync(r => r.AccountId == account.Id);
        });

        // 100 days on: past 30 days after both windows' end, short of 400 days.
        app.Clock.Advance(TimeSpan.FromDays(100));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync();
        }

        Assert.Equal((true, true, true), await HeldAsync(AppFactory.B, kept.Id));
        Assert.Equal((false, true, false), await HeldAsync(AppFactory.A, purged.Id));
        var record = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().StudentRecords.AsNoTracking().SingleAsync(r => r.Id == kept.Id));
        Assert.Equal((kept.IdNumber, kept.Phone), (record.IdNumber, record.Phone));
    }

    private Task<(bool Source, bool Standard, bool Admission)> HeldAsync(string school, Guid record) => app.InSchoolAsync(school, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var files = await db.PhotoFiles.AsNoTracking().Where(f => db.Photos.Any(p => p.Id == f.PhotoId && p.RecordId == record))
            .Select(f => new { HasSource = f.Source != null || f.SourceInStore, HasStandard = f.Standard != null }).ToListAsync();
        return (files.Any(f => f.HasSource), files.Any(f => f.HasStandard), await db.AdmissionPhotos.AnyAsync(a => a.RecordId == record));
    });
}
