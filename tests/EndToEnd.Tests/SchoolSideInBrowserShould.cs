using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The school admin's side in Chromium: the progress dashboard on a laptop and on a phone (it fits the width and
/// refreshes itself when students move), the students list with a thumbnail, and a delivery batch made and
/// downloaded as a ZIP through the browser; English pages complete. Screenshots school-NN-*.png.
/// </summary>
public sealed class SchoolSideInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string School = "nanhu";

    [Fact]
    public async Task ShowProgressStudentsAndDeliverABatch()
    {
        var school = fixture.BaseUrl + "/s/" + School;
        await fixture.App.InSchoolAsync(AppFactory.B, async sp =>
        {
            foreach (var status in new[] { OrderStatus.Completed, OrderStatus.Completed, OrderStatus.PendingReview, OrderStatus.Rejected, OrderStatus.PendingPayment })
            {
                await Delivered.OrderAsync(sp, status);
            }
        });

        await using var laptop = await fixture.LaptopAsync();
        var page = await laptop.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StaffSignIn(page, school, DemoSeeder.StaffEmail(School, "admin"));
        await Submit(page, "[data-test=to-progress]", "[data-test=funnel]");
        await fixture.ShotAsync(page, "school-01-progress");
        var produced = await page.GetAttributeAsync("[data-test=funnel] [data-stage=Produced]", "data-count");

        // A student finishes while the page is open: the dashboard shows it without a reload.
        await fixture.App.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        await page.EvaluateAsync("() => { window.__stay = true; }");
        await page.Locator($"[data-test=funnel] [data-stage=Produced]:not([data-count='{produced}'])").WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__stay === true"), "the page reloaded instead of refreshing its figures");

        await Open(page, school + "/staff/students", "[data-test=student-list]");
        await page.Locator("img.thumb").First.WaitForAsync();
        await fixture.ShotAsync(page, "school-02-students");
        await Open(page, school + "/staff/students?View=missing", "[data-test=missing-list]");
        await fixture.ShotAsync(page, "school-03-not-collected");

        await Open(page, school + "/staff/deliveries", "[data-test=create]");
        await Submit(page, "[data-test=create]", "[data-test=batch]");
        await fixture.ShotAsync(page, "school-04-deliveries");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=download-zip]"));
        var path = Path.Combine(fixture.Artifacts, "school-delivery.zip");
        await download.SaveAsAsync(path);
        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal(3, zip.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)));
            Assert.NotNull(zip.GetEntry("manifest.xlsx"));
        }

        // A key for the school's own systems, shown once.
        await Open(page, school + "/staff/api-keys", "[data-test=create-api-key]");
        await page.FillAsync("[data-test=new-api-key] input[type=text]", "学籍系统");
        await Submit(page, "[data-test=create-api-key]", "[data-test=new-key]");
        Assert.StartsWith("pcs_", (await page.InnerTextAsync("[data-test=new-key]")).Trim(), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "school-09-api-key");

        // The trail of what this admin did: sign-in, the batch's download, the key.
        await Open(page, school + "/staff/audit", "[data-test=audit-list]");
        Assert.True(await page.Locator("[data-test=audit-event][data-action='apikey.create']").CountAsync() == 1);
        await fixture.ShotAsync(page, "school-11-audit");

        foreach (var (url, name) in new[] { ("/staff/progress", "school-05-progress-en"), ("/staff/students", "school-06-students-en"), ("/staff/deliveries", "school-07-deliveries-en"), ("/staff/api-keys", "school-10-api-keys-en"), ("/staff/audit", "school-12-audit-en") })
        {
            await Open(page, school + url + "?culture=en", "h1");
            Assert.DoesNotMatch("[\u4e00-\u9fff]{2,}", await page.InnerTextAsync("h1"));
            await fixture.ShotAsync(page, name);
        }

        // The operator's console, on the platform's own address.
        await using var operatorLaptop = await fixture.LaptopAsync();
        var console = await operatorLaptop.NewPageAsync();
        await StaffSignIn(console, fixture.BaseUrl, DemoSeeder.OperatorEmail);
        await Open(console, fixture.BaseUrl + "/staff/platform", "[data-test=faces]");
        await fixture.ShotAsync(console, "school-13-platform");
        Assert.Equal(30, await console.Locator("[data-test=platform-day]").CountAsync());

        // Support: a student found by phone across schools (masked), opened with orders, history and SMS.
        var phoneOfStudent = await fixture.App.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().StudentRecords
            .Where(r => sp.GetRequiredService<AppDbContext>().Orders.Any(o => o.RecordId == r.Id && o.Status == OrderStatus.Completed)).Select(r => r.Phone).FirstAsync());
        await Submit(console, "[data-test=to-support]", "[data-test=support-search]");
        await console.FillAsync("#q", phoneOfStudent);
        await Submit(console, "[data-test=support-find]", "[data-test=support-match]");
        await fixture.ShotAsync(console, "school-14-support-search");
        await Submit(console, "[data-test=support-open]", "[data-test=support-student]");
        Assert.True(await console.Locator("[data-test=support-message]").CountAsync() >= 1);
        Assert.DoesNotContain(phoneOfStudent, await console.InnerTextAsync("main"), StringComparison.Ordinal);
        await fixture.ShotAsync(console, "school-15-support-student");

        // The Orleans dashboard, under the operator's sign-in.
        await console.GotoAsync(fixture.BaseUrl + "/staff/platform/orleans/");
        await console.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await fixture.ShotAsync(console, "school-16-orleans-dashboard");

        // The dashboard on a phone: one column, nothing wider than the screen.
        await using var phone = await fixture.PhoneAsync();
        var small = await phone.NewPageAsync();
        await StaffSignIn(small, school, DemoSeeder.StaffEmail(School, "admin"));
        await Open(small, school + "/staff/progress", "[data-test=funnel]");
        await fixture.ShotAsync(small, "school-08-progress-phone");
        var width = await small.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px phone");
    }
}
