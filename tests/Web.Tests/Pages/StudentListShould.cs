using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The school admin's students list through the real page: a student found with status and photo, the filters, the
/// not-collected list from the roster and its exports (logged); other roles and other schools refused.
/// </summary>
public sealed class StudentListShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task FindAStudentWithTheirStatusAndPhoto()
    {
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var (_, record) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));

        var (_, page) = await Html.GetAsync(admin, $"{Base}/staff/students?Q={record.StudentNumber}");
        var row = Assert.Single(page.QuerySelectorAll("[data-test=student]"));
        Assert.Equal((record.StudentNumber, "Completed"), (row.GetAttribute("data-student"), row.GetAttribute("data-status")));
        Assert.Contains(record.Name, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("img.thumb"));
        var photo = await admin.GetAsync(new Uri(new Uri(page.Url), row.QuerySelector("[data-test=download-photo]")!.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal($"{record.StudentNumber}.jpg", photo.Content.Headers.ContentDisposition?.FileNameStar ?? photo.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(Photocollect.Vision.DeliveredPhotoCheck.Check(await photo.Content.ReadAsByteArrayAsync()).Width == 480);

        var (_, paid) = await Html.GetAsync(admin, $"{Base}/staff/students?Status=Completed");
        Assert.All(paid.QuerySelectorAll("[data-test=student]"), r => Assert.Equal("Completed", r.GetAttribute("data-status")));
        var (_, nobody) = await Html.GetAsync(admin, $"{Base}/staff/students?Q=nobody-has-this-name");
        Assert.Empty(nobody.QuerySelectorAll("[data-test=student]"));
        Assert.Equal("0", nobody.QuerySelector("[data-test=student-total]")?.GetAttribute("data-count"));
        var logged = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().DataExports.CountAsync(e => e.Kind == "photo" && e.Subject == record.StudentNumber));
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task ListTheRostersStudentsWhoHaveNotPaidAndExportThem()
    {
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var (paidRecord, unpaidRecord, absent) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var paid = (await Delivered.OrderAsync(sp, OrderStatus.PendingReview)).Record;
            var unpaid = (await Delivered.OrderAsync(sp, OrderStatus.PendingPayment)).Record;
            var db = sp.GetRequiredService<AppDbContext>();
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == paid.CampaignId);
            var level = campaign.Levels.Count > 0 ? campaign.Levels[0] : paid.Level;
            var never = new RosterEntry { StudentNumber = "R" + Guid.NewGuid().ToString("N")[..10], Name = "从未来过", IdLastFour = "1234", Level = level, College = "文学院", Major = "汉语言文学" };
            db.Roster.Add(never);
            // The unpaid student is on the roster too (the demo roster may hold them already).
            if (!await db.Roster.AnyAsync(e => e.StudentNumber == unpaid.StudentNumber))
            {
                db.Roster.Add(new RosterEntry { StudentNumber = unpaid.StudentNumber, Name = unpaid.Name, IdLastFour = unpaid.IdNumber[^4..], Level = level });
            }

            await db.SaveChangesAsync();
            return (paid, unpaid, never);
        });

        var (_, page) = await Html.GetAsync(admin, $"{Base}/staff/students?View=missing");
        var listed = page.QuerySelectorAll("[data-test=missing]").Select(r => r.GetAttribute("data-student")).ToList();
        Assert.Contains(absent.StudentNumber, listed);
        Assert.DoesNotContain(paidRecord.StudentNumber, listed);
        Assert.Contains(unpaidRecord.StudentNumber, listed);
        Assert.Equal("待支付", page.QuerySelector($"[data-test=missing][data-student='{unpaidRecord.StudentNumber}'] td:last-child")?.TextContent.Trim());

        var csv = await admin.GetAsync($"{Base}/staff/students?View=missing&handler=Export&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("学号,姓名,层次,学院,专业,班级,情况", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(absent.StudentNumber + ",从未来过,", StringComparison.Ordinal) && l.EndsWith(",未核验", StringComparison.Ordinal));
        Assert.Equal(listed.Count, lines.Length - 1);

        var xlsx = await admin.GetAsync($"{Base}/staff/students?handler=Export&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using (var workbook = new ZipArchive(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.NotNull(workbook.GetEntry("xl/workbook.xml"));
        }

        var exports = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().DataExports
            .Where(e => e.Kind == "not-collected-csv" || e.Kind == "students-xlsx").Select(e => e.Kind).ToListAsync());
        Assert.Contains("not-collected-csv", exports);
        Assert.Contains("students-xlsx", exports);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Base}/staff/students?handler=Export&format=exe")).StatusCode);
    }

    [Fact]
    public async Task LetProductionStaffDownloadAnApprovedPhoto()
    {
        var photographer = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "photographer"));
        var (approved, record) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingProduction));

        var (_, page) = await Html.GetAsync(photographer, Base + "/staff/production");
        var link = page.QuerySelectorAll("[data-test=production-photo]").Single(a => a.GetAttribute("href")!.Contains(approved.Id.ToString(), StringComparison.Ordinal));
        var photo = await photographer.GetAsync(new Uri(new Uri(page.Url), link.GetAttribute("href")));

        Assert.Equal(("image/jpeg", $"{record.StudentNumber}.jpg"), (photo.Content.Headers.ContentType?.MediaType, photo.Content.Headers.ContentDisposition?.FileNameStar));
        Assert.Equal(480, Photocollect.Vision.DeliveredPhotoCheck.Check(await photo.Content.ReadAsByteArrayAsync()).Width);
        // Not approved yet: nothing to download.
        var (waiting, _) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingReview));
        Assert.Equal(HttpStatusCode.NotFound, (await photographer.GetAsync($"{Base}/staff/production?handler=Photo&orderId={waiting.Id}")).StatusCode);
        var logged = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().DataExports.CountAsync(e => e.Kind == "photo" && e.Subject == record.StudentNumber));
        Assert.Equal(1, logged);

        // Where the school names files by ID number, the photographer still gets the student number: a file name
        // never shows staff an ID number their pages do not.
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Campaigns.Where(c => c.Id == record.CampaignId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryNaming, DeliveryNaming.IdNumber)));
        var again = await photographer.GetAsync($"{Base}/staff/production?handler=Photo&orderId={approved.Id}");
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var byAdmin = await admin.GetAsync($"{Base}/staff/production?handler=Photo&orderId={approved.Id}");
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Campaigns.Where(c => c.Id == record.CampaignId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryNaming, DeliveryNaming.StudentNumber)));
        Assert.Equal($"{record.StudentNumber}.jpg", again.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal($"{record.IdNumber}.jpg", byAdmin.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task OpenTheGraduationCampaignFirstAndRefuseACampaignItDoesNotHave()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var graduation = await app.InSchoolAsync(AppFactory.A, async sp => (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!.Id);
        var otherSchools = await app.InSchoolAsync(AppFactory.B, async sp => (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!.Id);

        // 北方示范大学 has a freshman campaign too; the dashboard opens on graduation.
        var (_, page) = await Html.GetAsync(admin, "/s/beifang/staff/progress");
        Assert.Equal(graduation.ToString(), page.QuerySelector("#campaign option[selected]")?.GetAttribute("value"));
        foreach (var url in new[] { "/staff/progress?CampaignId=nonsense", $"/staff/progress?CampaignId={otherSchools}", $"/staff/students?CampaignId={otherSchools}&handler=Export&format=csv", $"/staff/deliveries?CampaignId={Guid.NewGuid()}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/s/beifang" + url)).StatusCode);
        }
    }

    [Theory]
    [InlineData("reviewer")]
    [InlineData("photographer")]
    public async Task RefuseTheSchoolSideToOtherRoles(string role)
    {
        var staff = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", role));
        foreach (var url in new[] { "/staff/progress", "/staff/students", "/staff/students?View=missing&handler=Export&format=csv", "/staff/deliveries", "/staff/students?handler=Photo&orderId=" + Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync(Base + url)).StatusCode);
        }

        // Another school's admin sees nothing of this one.
        var other = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(Base + "/staff/progress")).StatusCode);
    }
}
