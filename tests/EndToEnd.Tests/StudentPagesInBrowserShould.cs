using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// Every page a student meets, in Chinese and in English, on a 390×844 phone: each one shot (student-zh-NN-*.png,
/// student-en-NN-*.png) to be looked at, none wider than the phone, each in the language chosen.
/// </summary>
public sealed class StudentPagesInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("zh", 3)]
    [InlineData("en", 4)]
    public async Task ShowEveryStudentPageInTheChosenLanguage(string language, int student)
    {
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var step = 0;
        var expected = language == "en" ? "en" : "zh-CN";
        async Task Shot(string name)
        {
            Assert.Equal(expected, await page.GetAttributeAsync("html", "lang"));
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{name} is {width}px wide on a 390px phone");
            await fixture.ShotAsync(page, $"student-{language}-{++step:00}-{name}");
        }

        await page.GotoAsync($"{fixture.BaseUrl}/culture?c={(language == "en" ? "en" : "zh-CN")}&returnUrl=%2Fs%2Fbeifang%2F");
        await Open(page, school + "/", "main");
        await Shot("home");
        await Open(page, school + "/agreement", "h1");
        await Shot("agreement");
        await Open(page, school + "/support", "h1");
        await Shot("support");

        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await Shot("login-code-sent");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        await Shot("code");

        var code = await fixture.App.InSchoolAsync(AppFactory.A, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(student))));
        await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
        await page.Locator("[data-test=record]").WaitForAsync();
        await Shot("verify");
        await page.FillAsync("#FeatureCode", "sv8s65");
        await Submit(page, "[data-test=verify-record]", "[data-test=understood]");
        await Shot("standards");
        await page.CheckAsync("[data-test=understood]");
        await page.CheckAsync("[data-test=face-consent]");
        await Submit(page, "[data-test=to-camera]", "[data-test=pick-photo]");
        await Shot("capture");

        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "hand.jpg", MimeType = "image/jpeg", Buffer = Faces.Defect("hand") });
        await page.Locator("[data-test=check-failed]").WaitForAsync();
        await Loaded(page, "[data-test=marked-photo] img");
        await Shot("check-failed");
        await Submit(page, "[data-test=reshoot]", "[data-test=pick-photo]");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "good.jpg", MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await page.Locator("[data-test=check-passed]").WaitForAsync();
        await Loaded(page, "[data-test=standard-preview]");
        await Shot("check-passed");

        await page.CheckAsync("[data-test=confirm]");
        await Submit(page, "[data-test=submit-photo]", "[data-test=order-card][data-status=PendingPayment]");
        var orderUrl = page.Url;
        await Shot("order-pending-payment");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Shot("cashier");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=order-card][data-status=PendingReview]");
        await Shot("order-pending-review");
        await Open(page, school + "/orders", "main");
        await Shot("orders");
        await Open(page, school + "/reprints", "h1");
        await Shot("reprints");
        await Open(page, school + "/account", "[data-test=held-record]");
        await Shot("account");
        await Open(page, school + "/account/erase", "h1");
        await Shot("account-erase");
        await Open(page, school + "/freshman", "h1");
        await Shot("freshman");
        await Open(page, school + "/no-such-page", "h1");
        await Shot("not-found");
        await Open(page, fixture.BaseUrl + "/s/nanhu/", "main");
        await Shot("other-school-home");
    }

    private static async Task Loaded(IPage page, string image) =>
        await page.Locator(image).First.EvaluateAsync("img => img.complete || new Promise(r => img.onload = r)");
}
