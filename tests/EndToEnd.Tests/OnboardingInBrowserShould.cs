using Microsoft.Playwright;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The operator onboards a school in Chromium on a laptop (a problem shown under its field, then the school with its
/// logo and the admin's link), the admin sets up the account from the link on a phone, and the new school's home page
/// wears its colour and logo; the operator's school and platform payment pages, in Chinese and English.
/// Screenshots platform-NN-*.png.
/// </summary>
public sealed class OnboardingInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnboardASchoolAndSetUpItsAdmin()
    {
        await using var laptop = await fixture.LaptopAsync();
        var page = await laptop.NewPageAsync();
        await StaffSignIn(page, fixture.BaseUrl, DemoSeeder.OperatorEmail);
        await Open(page, fixture.BaseUrl + "/staff/platform/schools/new", "[data-test=create-school]");
        await page.FillAsync("#Slug", "dongbei");
        await page.FillAsync("#DisplayName", "东北示范大学");
        await page.FillAsync("#ShortName", "东北示范");
        await page.FillAsync("#SchoolCode", "10020");  // one digit short
        await page.EvaluateAsync("() => { document.querySelector('#PrimaryColor').value = '#7c2d12'; }");
        await page.SetInputFilesAsync("#Logo", new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Logos.Disc(96, 124, 45, 18) });
        await page.FillAsync("#SupportPhone", "0431-85099114");
        await page.FillAsync("#SupportHours", "工作日 8:30–16:30");
        await page.FillAsync("#AdminEmail", "admin@dongbei.edu.cn");
        await page.FillAsync("#AdminPhone", "13900139000");
        await Submit(page, "[data-test=create-school]", "[data-error='Onboard.Error.Code']");
        Assert.Equal("东北示范大学", await page.InputValueAsync("#DisplayName"));
        await fixture.ShotAsync(page, "platform-01-new-school-problem");

        await page.FillAsync("#SchoolCode", "100201");
        await page.SetInputFilesAsync("#Logo", new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Logos.Disc(96, 124, 45, 18) });
        await Submit(page, "[data-test=create-school]", "[data-test=invite-link]");
        var link = (await page.InnerTextAsync("[data-test=invite-link]")).Trim();
        await fixture.ShotAsync(page, "platform-02-school-created");

        // The admin, on a phone, from the link.
        await using var phone = await fixture.PhoneAsync();
        var invited = await phone.NewPageAsync();
        await Open(invited, link, "[data-test=accept-invite]");
        await invited.FillAsync("#DisplayName", "刘老师");
        await invited.FillAsync("#Password", "Dongbei-2026-pass");
        await invited.FillAsync("#Confirm", "Dongbei-2026-pass");
        await fixture.ShotAsync(invited, "platform-03-invite-phone");
        await Submit(invited, "[data-test=accept-invite]", "[data-test=invite-done]");
        await fixture.ShotAsync(invited, "platform-04-invite-done-phone");
        await Open(invited, link, "[data-test=invite-state]");
        Assert.Equal("Used", await invited.GetAttributeAsync("[data-test=invite-state]", "data-state"));

        // The new school's home wears its logo.
        await Open(invited, fixture.BaseUrl + "/s/dongbei/", "header img.logo");
        Assert.True(await invited.EvaluateAsync<bool>("() => { const i = document.querySelector('header img.logo'); return i.complete && i.naturalWidth === 96; }"));
        await fixture.ShotAsync(invited, "platform-05-school-home-phone");

        // The operator's pages of the school and of the platform's payments, in both languages.
        await Submit(page, "[data-test=school-settings]", "[data-test=save-adapters]");
        await fixture.ShotAsync(page, "platform-06-school");
        await Open(page, fixture.BaseUrl + "/staff/platform/payments", "[data-test=save-platform-payments]");
        await fixture.ShotAsync(page, "platform-07-payments");
        foreach (var (url, name) in new[] { ("/staff/platform/schools/new", "platform-08-new-school-en"), ("/staff/platform/payments", "platform-09-payments-en") })
        {
            await Open(page, fixture.BaseUrl + url + "?culture=en", "h1");
            Assert.DoesNotMatch("[\u4e00-\u9fff]{2,}", await page.InnerTextAsync("main"));
            await fixture.ShotAsync(page, name);
        }
    }
}
