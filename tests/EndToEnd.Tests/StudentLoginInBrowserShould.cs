using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.EndToEnd.Tests;

/// <summary>A new student on a phone: home → 上传图像采集码 → SMS login → back to the flow, in real Chromium.</summary>
public sealed partial class StudentLoginInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInANewStudentWithAnSmsCodeOnAPhone()
    {
        var phone = AppFactory.NewPhone();
        var school = $"{fixture.BaseUrl}/s/{AppFactory.A}";
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(school + "/");
        Assert.Equal(2, await page.Locator(".tiles a").CountAsync());
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-01-home-new-user");

        await page.GetByText("上传图像采集码").ClickAsync();
        await page.WaitForURLAsync(new Regex("/login\\?ReturnUrl="));
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-02-login");

        await page.FillAsync("#Phone", "12345");
        await page.CheckAsync("[data-test=agree]");
        await page.ClickAsync("[data-test=send-code]");
        Assert.Contains("手机号格式不正确", await page.Locator(".alert.error").InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "student-login-03-bad-phone");

        await page.FillAsync("#Phone", phone);
        await page.ClickAsync("[data-test=send-code]");
        Assert.Contains("验证码已发送", await page.Locator(".alert.info").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("[data-test=send-code]").IsDisabledAsync(), "the send button counts down");
        await fixture.ShotAsync(page, "student-login-04-code-sent");

        var outbox = await context.NewPageAsync();
        await outbox.GotoAsync(school + "/dev/sms");
        var text = await outbox.Locator($"tr[data-phone='{phone}'] .sms-text").First.InnerTextAsync();
        await fixture.ShotAsync(outbox, "student-login-05-dev-outbox");
        var code = Outbox.CodeIn(text);

        await page.FillAsync("#Code", code == "000000" ? "111111" : "000000");
        await page.ClickAsync("[data-test=verify]");
        Assert.Contains("验证码不正确", await page.Locator(".alert.error").InnerTextAsync(), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "student-login-06-wrong-code");

        await page.FillAsync("#Code", code);
        await page.ClickAsync("[data-test=verify]");
        await page.WaitForURLAsync(new Regex("/collect$"));
        Assert.True(await page.Locator("[data-test=not-yet-open]").IsVisibleAsync());
        await fixture.ShotAsync(page, "student-login-07-signed-in-collect");

        await page.GotoAsync(school + "/");
        Assert.Equal(6, await page.Locator(".tiles a").CountAsync());
        await AssertFitsThePhoneAsync(page);
        await fixture.ShotAsync(page, "student-login-08-home-signed-in");

        await page.GotoAsync(school + "/account");
        Assert.Equal(phone[..3] + "****" + phone[7..], await page.Locator("[data-test=masked-phone]").InnerTextAsync());
        await fixture.ShotAsync(page, "student-login-09-account");
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px phone");
    }
}
