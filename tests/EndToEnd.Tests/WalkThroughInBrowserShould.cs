using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// A new user's walk-through (issue 17) in Chromium: the student's forms on a phone (verification, the freshman form,
/// the standards page with its example photos in both languages), the admin's forms on a laptop (campaign, rejection
/// reasons and the other settings pages), a refund that asks first, and a school's own page-not-found. Every field is
/// held to one finished style; screenshots walk-NN-*.png.
/// </summary>
public sealed class WalkThroughInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Student = 3;

    // Every visible field that is not one finished control: too little padding or rounding, too short to tap, or
    // wider than its form; each as "name: why".
    private const string UnfinishedFields = """
        () => [...document.querySelectorAll('main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=color]), main select, main textarea')]
          .filter(e => e.offsetParent !== null)
          .flatMap(e => {
            const s = getComputedStyle(e), r = e.getBoundingClientRect(), form = (e.closest('form') || e.parentElement).getBoundingClientRect();
            const name = e.name || e.id, why = [];
            if (parseFloat(s.paddingLeft) < 8) why.push('padding ' + s.paddingLeft);
            if (parseFloat(s.borderTopLeftRadius) < 6) why.push('radius ' + s.borderTopLeftRadius);
            if (e.tagName !== 'TEXTAREA' && r.height < 40) why.push('height ' + r.height);
            if (r.right > form.right + 1 || r.left < form.left - 1) why.push('outside its form');
            return why.length ? [name + ': ' + why.join(', ')] : [];
          })
        """;

    [Fact]
    public async Task TakeANewStudentThroughFinishedFormsAndAskBeforeARefund()
    {
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();

        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        // The code and its send button share one line, level.
        Assert.Equal(await TopOfAsync(page, "#Code"), await TopOfAsync(page, "[data-test=send-code]"));
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        await FitsAPhoneAsync(page);  // the code step's file inputs hide behind their buttons, whatever the fields' style
        var code = await fixture.App.InSchoolAsync(AppFactory.A, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(Student))));
        await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
        await page.Locator("[data-test=record]").WaitForAsync();

        // The verification step: labelled, full-width, finished fields.
        Assert.Empty(await page.EvaluateAsync<string[]>(UnfinishedFields));
        Assert.True(await WidthOfAsync(page, "#FeatureCode") >= 0.9 * await WidthOfAsync(page, "form[data-once]"), "the feature code is not full width on a phone");
        await page.FocusAsync("#FeatureCode");
        await ShotAsync(page, "walk-01-verify");
        await page.FillAsync("#FeatureCode", "sv8s65");
        await Submit(page, "[data-test=verify-record]", "[data-test=understood]");

        // The standards page: nine example photos, loaded, each marked, in Chinese and in English.
        await LoadedAsync(page);
        Assert.Equal(9, await page.Locator("[data-test=standard-example]").CountAsync());
        Assert.Equal("✓", await page.InnerTextAsync("[data-test=standard-example][data-good=true] .example-mark"));
        await ShotAsync(page, "walk-02-standards");
        await FitsAPhoneAsync(page);
        await Open(page, school + "/culture?c=en&returnUrl=%2Fs%2Fbeifang%2Fcollect%2Fstandards", "[data-test=understood]");
        await LoadedAsync(page);
        Assert.Equal("Not accepted: Too dark", (await page.TextContentAsync("[data-example=too-dark] figcaption"))?.Trim());
        await ShotAsync(page, "walk-03-standards-en");
        await Open(page, school + "/culture?c=zh-CN&returnUrl=%2Fs%2Fbeifang%2Fcollect%2Fstandards", "[data-test=understood]");

        // On to a good photo, submitted and paid in the Sandbox.
        await page.CheckAsync("[data-test=understood]");
        await page.CheckAsync("[data-test=face-consent]");
        await Submit(page, "[data-test=to-camera]", "[data-test=pick-photo]");
        await FitsAPhoneAsync(page);
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "good.jpg", MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await page.Locator("[data-test=check-passed]").WaitForAsync();
        await page.CheckAsync("[data-test=confirm]");
        await Submit(page, "[data-test=submit-photo]", "[data-test=order-card][data-status=PendingPayment]");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=order-card][data-status=PendingReview]");

        // The freshman form (新生照片上传), on the same phone.
        await Open(page, school + "/freshman", "[data-test=verify-freshman]");
        Assert.Empty(await page.EvaluateAsync<string[]>(UnfinishedFields));
        await ShotAsync(page, "walk-04-freshman");

        // The admin refunds part of it: the form only shows what would be refunded; its confirmation sends it.
        await using var laptop = await fixture.LaptopAsync();
        var admin = await laptop.NewPageAsync();
        await StaffSignIn(admin, school, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        await Open(admin, school + "/staff/payments", "[data-test=ledger-payment]");
        Assert.Empty(await admin.EvaluateAsync<string[]>(UnfinishedFields));
        await admin.Locator("[data-test=ledger-payment] summary").First.ClickAsync();
        await admin.Locator("[data-test=ledger-payment] input[name=Amount]").First.FillAsync("10");
        await admin.Locator("[data-test=ledger-payment] input[name=Reason]").First.FillAsync("拍摄套餐差价");
        await ShotAsync(admin, "walk-05-ledger-refund-form");
        await Submit(admin, "[data-test=refund]", "[data-test=refund-confirm]");
        Assert.Equal("¥10.00", (await admin.InnerTextAsync("[data-test=confirm-amount]")).Trim());
        await ShotAsync(admin, "walk-06-ledger-confirm");
        await Submit(admin, "[data-test=confirm-refund]", "[role=status]");
        var said = await admin.InnerTextAsync("[role=status]");
        Assert.Contains("¥10.00", said, StringComparison.Ordinal);
        Assert.DoesNotContain("{", said, StringComparison.Ordinal);
        await ShotAsync(admin, "walk-07-ledger-refunded");
    }

    [Fact]
    public async Task ShowEveryAdminFormFinishedOnALaptop()
    {
        var school = fixture.BaseUrl + "/s/nanhu";
        await using var laptop = await fixture.LaptopAsync();
        var page = await laptop.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StaffSignIn(page, school, DemoSeeder.StaffEmail(AppFactory.B, "admin"));

        await Open(page, school + "/staff/campaign", "[data-test=save-campaign]");
        Assert.Empty(await page.EvaluateAsync<string[]>(UnfinishedFields));
        // Short values side by side on a laptop: the start and end of the window share a row.
        Assert.Equal(await TopOfAsync(page, "#StartsAt"), await TopOfAsync(page, "#EndsAt"));
        await ShotAsync(page, "walk-08-campaign");

        // One row per reason: the order box small, the reason and its fix side by side.
        await Open(page, school + "/staff/reasons", "[data-test=add-reason]");
        Assert.Empty(await page.EvaluateAsync<string[]>(UnfinishedFields));
        var first = page.Locator("[data-test=reason]").First;
        Assert.True(await WidthOfAsync(page, "[data-test=reason] input[name=Position]") <= 100, "the order box is not compact");
        Assert.True(await WidthOfAsync(page, "[data-test=reason] input[name=Title]") >= 180, "the reason is cut short");
        Assert.Equal(await TopOfAsync(page, "[data-test=reason] input[name=Title]"), await TopOfAsync(page, "[data-test=reason] textarea[name=Fix]"));
        Assert.True((await first.BoundingBoxAsync())!.Height <= 110, "a reason takes more than one row");
        await ShotAsync(page, "walk-09-reasons");

        var others = new[]
        {
            ("/staff/roster", "[data-test=import-roster]"), ("/staff/sessions", "[data-test=session-add-submit]"),
            ("/staff/payments", "[data-test=ledger-period]"), ("/staff/payment-settings", "[data-test=save-payment-settings]"),
            ("/staff/api-keys", "[data-test=create-api-key]"), ("/staff/deliveries", "[data-test=create]"),
            ("/staff/students", "[data-test=student-filters]"), ("/staff/audit", "[data-test=audit-filters]"),
        };
        var n = 10;
        foreach (var (path, ready) in others)
        {
            await Open(page, school + path, ready);
            Assert.Empty(await page.EvaluateAsync<string[]>(UnfinishedFields));
            await ShotAsync(page, $"walk-{n++:00}-{path.Split('/')[^1]}");
        }

        // The operator's forms.
        var platform = await laptop.NewPageAsync();
        await StaffSignIn(platform, fixture.BaseUrl, DemoSeeder.OperatorEmail);
        foreach (var (path, ready) in new[] { ("/staff/platform/schools/new", "[data-test=create-school]"), ("/staff/platform/payments", "[data-test=save-platform-payments]"), ("/staff/platform/support", "[data-test=support-search]") })
        {
            await Open(platform, fixture.BaseUrl + path, ready);
            Assert.Empty(await platform.EvaluateAsync<string[]>(UnfinishedFields));
            await ShotAsync(platform, $"walk-{n++:00}-platform-{path.Split('/')[^1]}");
        }
    }

    [Fact]
    public async Task ShowASchoolsOwnPageNotFoundWithAWayHome()
    {
        var school = fixture.BaseUrl + "/s/nanhu";
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();

        var answer = await page.GotoAsync(school + "/no-such-page");
        await page.Locator("[data-test=status-404]").WaitForAsync();

        Assert.Equal(404, answer!.Status);
        Assert.Equal("南湖师院", (await page.InnerTextAsync(".brand")).Trim());
        Assert.Equal("rgb(4, 120, 87)", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.topbar')).backgroundColor"));
        Assert.True(await page.EvaluateAsync<bool>("fetch('/favicon.ico').then(r => r.ok && r.headers.get('content-type') === 'image/x-icon')"));
        await ShotAsync(page, "walk-30-school-404");
        await Submit(page, "[data-test=error-home]", "main h1");
        Assert.Equal(school + "/", page.Url);
    }

    // Full-page screenshots draw the sticky header where the page was scrolled to: from the top.
    private async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await fixture.ShotAsync(page, name);
    }

    private static async Task FitsAPhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{page.Url} is {width}px wide on a 390px phone");
    }

    private static Task<double> WidthOfAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<double>("e => e.getBoundingClientRect().width");

    private static Task<double> TopOfAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<double>("e => Math.round(e.getBoundingClientRect().top)");

    // Every picture on the page has arrived (lazy ones were scrolled to first).
    private static async Task LoadedAsync(IPage page) =>
        await page.EvaluateAsync("() => Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.complete && i.naturalWidth ? 0 : new Promise(r => { i.onload = i.onerror = r; }); }))");
}
