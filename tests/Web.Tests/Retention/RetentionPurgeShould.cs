using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Retention;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Batches;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Retention;

/// <summary>
/// The retention purge on a clock moved past the periods (decision 011), at the second demo school with the default
/// settings: a delivered student's upload and admission photo go 30 days after the delivery while a student never
/// delivered keeps them until 30 days after the window; at the end of the campaign year the standard photos go and
/// the ID numbers, names and phones are blanked; orders stay; a record with an order in progress keeps everything; the
/// operator's face count drops with the files; each run leaves a row per school and a system audit event; a second run
/// removes nothing more. Its own app: the test moves the clock a year on.
/// </summary>
public sealed class RetentionPurgeShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RemoveWhatIsDueOnceAndKeepTheOrders()
    {
        var (delivered, deliveredRecord) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var done = await Delivered.OrderAsync(sp, OrderStatus.Completed);
            var deliveries = sp.GetRequiredService<Deliveries>();
            var batch = await deliveries.CreateAsync(new Deliveries.Selection(done.Order.CampaignId, null, null, false), Guid.NewGuid(), default);
            await deliveries.WriteZipAsync(batch!, Stream.Null, new ExportLog.Requester(Guid.NewGuid(), null, "203.0.113.9"), default);
            return done;
        });
        var (undelivered, undeliveredRecord) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var (_, busyRecord) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingReview));
        var facesBefore = await FacesOnTheConsoleAsync();
        Assert.Equal(await FacesInTheDatabaseAsync(), facesBefore);
        foreach (var record in new[] { deliveredRecord, undeliveredRecord, busyRecord })
        {
            Assert.Equal((true, true, true), await HeldAsync(record.Id));
        }

        // 31 days after the delivery: the delivered student's upload and admission photo are due, nobody else's.
        app.Clock.Advance(TimeSpan.FromDays(31));
        var first = await PurgeAsync();

        Assert.Equal((false, true, false), await HeldAsync(deliveredRecord.Id));
        Assert.Equal((true, true, true), await HeldAsync(undeliveredRecord.Id));
        Assert.Equal((true, true, true), await HeldAsync(busyRecord.Id));
        Assert.Equal(new RetentionCounts(1, 0, 1, 0, 0), first);
        Assert.Equal(facesBefore, await FacesOnTheConsoleAsync());  // the standard photo is still a face

        // Past the end of the campaign year: every file of the finished records, their identity and phone.
        var campaign = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Campaigns.AsNoTracking().SingleAsync(c => c.Id == delivered.CampaignId));
        app.Clock.Advance(RetentionPeriods.YearEnd(campaign) - app.Clock.GetUtcNow() + TimeSpan.FromDays(1));
        var second = await PurgeAsync();

        Assert.Equal((false, false, false), await HeldAsync(deliveredRecord.Id));
        Assert.Equal((false, false, false), await HeldAsync(undeliveredRecord.Id));
        Assert.Equal((true, true, true), await HeldAsync(busyRecord.Id));
        Assert.Equal(1, second.SourcePhotos);
        Assert.Equal(2, second.StandardPhotos);
        Assert.Equal(1, second.AdmissionPhotos);
        Assert.Equal((2, 2), (second.IdNumbers, second.Phones));
        var (records, orders) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.StudentRecords.AsNoTracking().Where(r => r.Id == deliveredRecord.Id || r.Id == undeliveredRecord.Id || r.Id == busyRecord.Id).ToListAsync(),
                await db.Orders.AsNoTracking().Where(o => o.Id == delivered.Id || o.Id == undelivered.Id).ToListAsync());
        });
        Assert.All(records.Where(r => r.Id != busyRecord.Id), r =>
        {
            Assert.Equal(("", "", "", "", null, null), (r.Name, r.IdNumber, r.Phone, r.Gender, r.BirthDate, r.CodeHash));
            Assert.NotEqual("", r.StudentNumber);
        });
        var busy = records.Single(r => r.Id == busyRecord.Id);
        Assert.Equal((busyRecord.Name, busyRecord.IdNumber, busyRecord.Phone), (busy.Name, busy.IdNumber, busy.Phone));
        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal(OrderStatus.Completed, o.Status));
        Assert.Equal(delivered.PriceFen, orders.Single(o => o.Id == delivered.Id).PriceFen);
        Assert.NotNull(orders.Single(o => o.Id == delivered.Id).PaymentReference);

        var facesAfter = await FacesOnTheConsoleAsync();
        Assert.Equal(await FacesInTheDatabaseAsync(), facesAfter);
        Assert.Equal(facesBefore - 2, facesAfter);

        // Again: nothing more to remove, and the run still says it ran.
        Assert.Equal(RetentionCounts.None, await PurgeAsync());
        var runs = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().RetentionRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([1, 1, 0], runs.Select(r => r.SourcePhotos));
        Assert.Equal([0, 2, 0], runs.Select(r => r.StandardPhotos));
        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Action == AuditActions.RetentionPurge).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(3, trail.Count);
        Assert.All(trail, e => Assert.Equal((null, "system"), (e.TenantId, e.Who)));
        using var firstRun = System.Text.Json.JsonDocument.Parse(trail[0].Details!);
        var atNanhu = firstRun.RootElement.GetProperty("schools").EnumerateArray().Single(e => e.GetProperty("school").GetString() == AppFactory.B);
        Assert.Equal((1, 1), (atNanhu.GetProperty("removed").GetProperty("sourcePhotos").GetInt32(), atNanhu.GetProperty("removed").GetProperty("admissionPhotos").GetInt32()));
    }

    // The purge as the job runs it; what it removed at the second demo school.
    private async Task<RetentionCounts> PurgeAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var done = await scope.ServiceProvider.GetRequiredService<RetentionPurge>().RunAsync();
        return done.Single(d => d.School.Slug == AppFactory.B).Removed;
    }

    // Whether the record still has an upload, a standard photo and an admission photo.
    private Task<(bool Source, bool Standard, bool Admission)> HeldAsync(Guid record) => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var files = await db.PhotoFiles.AsNoTracking().Where(f => db.Photos.Any(p => p.Id == f.PhotoId && p.RecordId == record))
            .Select(f => new { f.PhotoId, HasSource = f.Source != null || f.SourceInStore, HasStandard = f.Standard != null }).ToListAsync();
        // An upload kept as a file goes with its row's claim to it, also where the purge deleted the whole row.
        var school = (await app.SchoolAsync(AppFactory.B)).Id;
        foreach (var photo in await db.Photos.AsNoTracking().Where(p => p.RecordId == record).Select(p => p.Id).ToListAsync())
        {
            Assert.Equal(files.Any(f => f.PhotoId == photo && f.HasSource), File.Exists(TestUploads.FileOf(app.UploadsPath!, school, photo)));
        }

        return (files.Any(f => f.HasSource), files.Any(f => f.HasStandard), await db.AdmissionPhotos.AnyAsync(a => a.RecordId == record));
    });

    private async Task<int> FacesOnTheConsoleAsync()
    {
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var (_, page) = await Html.GetAsync(op, "/staff/platform");
        return int.Parse(page.QuerySelector("[data-test=faces]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    // The people with a face image stored, counted by SQL of the test's own.
    private Task<int> FacesInTheDatabaseAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<int>("""
        SELECT count(*)::int AS "Value" FROM "StudentRecords" r
        WHERE EXISTS (SELECT 1 FROM "Photos" p JOIN "PhotoFiles" f ON f."PhotoId" = p."Id"
                      WHERE p."RecordId" = r."Id" AND (f."Source" IS NOT NULL OR f."SourceInStore" OR f."Standard" IS NOT NULL))
           OR EXISTS (SELECT 1 FROM "AdmissionPhotos" a WHERE a."RecordId" = r."Id")
        """).SingleAsync());
}
