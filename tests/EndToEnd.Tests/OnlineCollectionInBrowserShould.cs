using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Collection;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The whole online collection in Chromium on a 390×844 phone: a new phone number, the code screenshot, verification,
/// a failed check and a reshoot, payment in the Sandbox, a reviewer's rejection, 修改照片, approval, production and
/// 已完成. Every step leaves a screenshot (online-collection-NN-*.png).
/// </summary>
public sealed class OnlineCollectionInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Student = 8;

    [Fact]
    public async Task TakeANewStudentFromCodeToCompletedPhoto()
    {
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var step = 0;
        Task Shot(string name) => fixture.ShotAsync(page, $"online-collection-{++step:00}-{name}");

        // Sign in with an SMS code, on the way to the collection.
        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        await Shot("code-page");

        // The code screenshot from the album.
        var code = await fixture.App.InSchoolAsync(AppFactory.A, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(Student))));
        await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
        await page.Locator("[data-test=record]").WaitForAsync();
        Assert.Equal(DemoSeeder.DemoStudents[Student].Name, await page.InnerTextAsync("[data-test=record-name]"));
        await Shot("record-recognised");

        await page.FillAsync("#FeatureCode", "sv8s65");
        await Submit(page, "[data-test=verify-record]", "[data-test=understood]");
        await Shot("standards");
        await page.CheckAsync("[data-test=understood]");
        await page.CheckAsync("[data-test=face-consent]");
        await Submit(page, "[data-test=to-camera]", "[data-test=pick-photo]");
        await Shot("capture");

        // A photo showing teeth fails; reshoot.
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "teeth.jpg", MimeType = "image/jpeg", Buffer = Faces.TeethPhoto() });
        await page.Locator("[data-check=mouth_closed]").WaitForAsync();
        await Shot("check-failed");
        await Submit(page, "[data-test=reshoot]", "[data-test=pick-photo]");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "good.jpg", MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await page.Locator("[data-test=check-passed]").WaitForAsync();
        await page.Locator("[data-test=standard-preview]").EvaluateAsync("img => img.complete || new Promise(r => img.onload = r)");
        await Shot("check-passed");

        // Submit (with the confirmation dialog) and pay in the Sandbox.
        await page.CheckAsync("[data-test=confirm]");
        await Submit(page, "[data-test=submit-photo]", "[data-test=order-card][data-status=PendingPayment]");
        var orderUrl = page.Url;
        await Shot("order-pending-payment");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Shot("sandbox-cashier");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=order-card][data-status=PendingReview]");
        await Shot("order-pending-review");

        // A reviewer rejects it.
        await using var staff = await fixture.PhoneAsync();
        var desk = await staff.NewPageAsync();
        await StaffSignIn(desk, school, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
        await Open(desk, orderUrl.Replace("/orders/", "/staff/review/", StringComparison.Ordinal), "[data-test=reject]");
        await desk.SelectOptionAsync("[data-test=reason]", "extra_content");
        await fixture.ShotAsync(desk, $"online-collection-{++step:00}-reviewer-rejects");
        await Submit(desk, "[data-test=reject]", ".alert.info");

        // The student sees why, and changes the photo without paying again.
        await Open(page, orderUrl, "[data-test=rejection]");
        await Shot("order-rejected");
        await Submit(page, "[data-test=change-photo]", "[data-test=pick-photo]");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "again.jpg", MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await page.Locator("[data-test=check-passed]").WaitForAsync();
        await page.CheckAsync("[data-test=confirm]");
        await Submit(page, "[data-test=submit-photo]", "[data-test=order-card][data-status=PendingReview]");
        Assert.Equal(orderUrl, page.Url);
        await Shot("order-back-in-review");

        // Approval, then production by batch.
        await Open(desk, orderUrl.Replace("/orders/", "/staff/review/", StringComparison.Ordinal), "[data-test=approve]");
        await Submit(desk, "[data-test=approve]", ".alert.info");
        await Open(desk, school + "/staff/production", "[data-test=start-production]");
        await fixture.ShotAsync(desk, $"online-collection-{++step:00}-production");
        await Submit(desk, "[data-test=start-production]", "[data-test=complete-production]");
        await Submit(desk, "[data-test=complete-production]", ".alert.info");

        await Open(page, orderUrl, "[data-test=order-card][data-status=Completed]");
        await Shot("order-completed");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px phone");

        // 加洗照片: two sets of the finished photo, paid, straight to production.
        await Open(page, school + "/reprints", "[data-test=order-reprint]");
        await page.SelectOptionAsync("select[name=Copies]", "2");
        await Shot("reprints");
        await Submit(page, "[data-test=order-reprint]", "[data-test=copies]");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=order-card][data-status=PendingProduction]");
        await Shot("reprint-paid");

        // 账号信息: what the platform holds about the student, and the erasure refused while the reprint is in progress.
        await Open(page, school + "/account", "[data-test=held-record]");
        await Shot("account");
        await Open(page, school + "/account/erase", "h1");
        await Shot("account-erase");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task SendTheCodeAgainByItselfWhenEveryCheckerIsBusy()
    {
        const int Busy = 9;
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        var code = await fixture.App.InSchoolAsync(AppFactory.A, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(Busy))));

        // A burst of code pictures holds the code lane's worker and queue places: the picture is refused (503,
        // Retry-After) and the page says it will send it again; once the burst has passed it does, and the student
        // picks nothing again.
        await using (await VisionBurst.FillAsync(fixture.App.Services.GetRequiredKeyedService<VisionGate>(VisionGate.CodeLane)))
        {
            await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
            await page.Locator("[data-progress-text]", new() { HasTextString = "自动重新提交" }).WaitForAsync();
            await fixture.ShotAsync(page, "busy-upload-waiting");
        }

        await page.Locator("[data-test=record]").WaitForAsync();
        Assert.Equal(DemoSeeder.DemoStudents[Busy].Name, await page.InnerTextAsync("[data-test=record-name]"));
    }
}
