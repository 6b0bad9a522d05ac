using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>A new student on a phone: home → 上传图像采集码 → SMS login → back to the flow, in real Chromium.</summary>
/// <remarks>
/// Every step waits for an element only the expected page has, never for load events: with Debian's Chromium and
/// Playwright's driver a lifecycle event is occasionally not reported, and a wait on it then hangs.
/// </remarks>
public sealed class StudentLoginInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInANewStudentWithAnSmsCodeOnAPhone()
    {
        var phone = AppFactory.NewPhone();
        var school = $"{fixture.BaseUrl}/s/{AppFactory.A}";
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();

        await Open(page, school + "/", "[data-test=upload-code]");
        Assert.Equal(2, await page.Locator(".tiles a").CountAsync());
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-01-home-new-user");

        await page.GetByText("上传图像采集码").ClickAsync();
        await page.Locator("[data-test=send-code]").WaitForAsync();
        Assert.Matches(new Regex("/login\\?ReturnUrl="), page.Url);
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-02-login");

        await page.FillAsync("#Phone", "12345");
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.error");
        Assert.Contains("手机号格式不正确", await page.Locator(".alert.error").InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "student-login-03-bad-phone");

        await page.FillAsync("#Phone", phone);
        await Submit(page, "[data-test=send-code]", ".alert.info");
        Assert.Contains("验证码已发送", await page.Locator(".alert.info").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-test=send-code]:disabled").WaitForAsync(); // the send button counts down
        await fixture.ShotAsync(page, "student-login-04-code-sent");

        var outbox = await context.NewPageAsync();
        await Open(outbox, school + "/dev/sms", $"tr[data-phone='{phone}']");
        var text = await outbox.Locator($"tr[data-phone='{phone}'] .sms-text").First.InnerTextAsync();
        await fixture.ShotAsync(outbox, "student-login-05-dev-outbox");
        var code = Outbox.CodeIn(text);

        await page.FillAsync("#Code", code == "000000" ? "111111" : "000000");
        await Submit(page, "[data-test=verify]", ".alert.error");
        Assert.Contains("验证码不正确", await page.Locator(".alert.error").InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "student-login-06-wrong-code");

        await page.FillAsync("#Code", code);
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");  // the demo campaign's first step
        Assert.EndsWith("/collect", page.Url, StringComparison.Ordinal);
        await fixture.ShotAsync(page, "student-login-07-signed-in-collect");

        await Open(page, school + "/", "[data-test=account]");
        Assert.Equal(6, await page.Locator(".tiles a").CountAsync());
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-08-home-signed-in");

        await Open(page, school + "/account", "[data-test=masked-phone]");
        Assert.Equal(phone[..3] + "****" + phone[7..], await page.Locator("[data-test=masked-phone]").InnerTextAsync());
        await fixture.ShotAsync(page, "student-login-09-account");
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px phone");
    }
}
