using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.EndToEnd.Tests;

/// <summary>What every browser test does the same way: open a page, submit a form, sign in as staff.</summary>
public static class Steps
{
    /// <summary>Goes to a URL and waits until <paramref name="expect"/> is on the page.</summary>
    public static async Task Open(IPage page, string url, string expect)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(expect).First.WaitForAsync();
    }

    /// <summary>Submits a form by its button and waits until <paramref name="expect"/>, found only on the answer, is there.</summary>
    public static async Task Submit(IPage page, string button, string expect)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync(button);
        await page.Locator(expect).First.WaitForAsync();
    }

    /// <summary>
    /// A new student of the first demo school taken through the pages as a person would (SMS sign-in, the code's
    /// screenshot, verification with the feature code, the standards and the face consent) to the capture step; the
    /// demo student of that index is taken by this phone.
    /// </summary>
    public static async Task ToCaptureAsync(IPage page, BrowserFixture fixture, int student)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(fixture);
        var school = fixture.BaseUrl + "/s/" + AppFactory.A;
        var phone = AppFactory.NewPhone();
        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        var code = await fixture.App.InSchoolAsync(AppFactory.A, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(student))));
        await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
        await page.Locator("[data-test=record]").WaitForAsync();
        await page.FillAsync("#FeatureCode", "sv8s65");
        await Submit(page, "[data-test=verify-record]", "[data-test=understood]");
        await page.CheckAsync("[data-test=understood]");
        await page.CheckAsync("[data-test=face-consent]");
        await Submit(page, "[data-test=to-camera]", "[data-test=pick-photo]");
    }

    /// <summary>Signs in on a school's staff login page (demo password) and waits for the staff home.</summary>
    public static async Task StaffSignIn(IPage page, string school, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Open(page, school + "/staff/login", "[data-test=staff-login]");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", AppFactory.Password);
        await Submit(page, "[data-test=staff-login]", "[data-test=roles]");
    }
}
