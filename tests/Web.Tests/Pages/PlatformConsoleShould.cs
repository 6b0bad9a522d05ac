using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The operator's console: every school with its figures, the count of people whose face images are stored (equal
/// to the database's), suspending a school (its pages then say so, its data stays) and resuming it, both audited;
/// no school staff gets in.
/// </summary>
public sealed class PlatformConsoleShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CountTheFacesAndSuspendAndResumeASchool()
    {
        await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);

        var (response, page) = await Html.GetAsync(op, "/staff/platform");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}");
        var faces = int.Parse(page.QuerySelector("[data-test=faces]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
        var counted = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM "StudentRecords" r
            WHERE EXISTS (SELECT 1 FROM "Photos" p JOIN "PhotoFiles" f ON f."PhotoId" = p."Id" WHERE p."RecordId" = r."Id")
               OR EXISTS (SELECT 1 FROM "AdmissionPhotos" a WHERE a."RecordId" = r."Id")
            """).SingleAsync());
        Assert.True(counted >= 1);
        Assert.Equal(counted, faces);
        Assert.Equal(2, page.QuerySelectorAll("[data-test=platform-school]").Length);

        // Suspend nanhu: its pages say so, its data stays; resume it.
        var suspended = await Html.SubmitAsync(op, page, "[data-test=platform-school][data-slug=nanhu] [data-test=suspend]");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        using var anyone = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.GetAsync("/s/nanhu/")).StatusCode);
        var (_, after) = await Html.GetAsync(op, "/staff/platform");
        Assert.Equal("Suspended", after.QuerySelector("[data-test=platform-school][data-slug=nanhu]")?.GetAttribute("data-status"));
        await Html.SubmitAsync(op, after, "[data-test=platform-school][data-slug=nanhu] [data-test=resume]");
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/s/nanhu/")).StatusCode);
        Assert.True(await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Orders.AnyAsync()));

        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .Where(e => e.Action == AuditActions.SchoolSuspended || e.Action == AuditActions.SchoolResumed).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([(AuditActions.SchoolSuspended, "nanhu"), (AuditActions.SchoolResumed, "nanhu")], trail.Select(e => (e.Action, e.Subject)));
        Assert.All(trail, e => Assert.Equal((null, DemoSeeder.OperatorEmail), (e.TenantId, e.Who)));
    }

    [Fact]
    public async Task KeepSchoolStaffOut()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));

        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/staff/platform")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/s/beifang/staff/platform")).StatusCode);
    }
}
