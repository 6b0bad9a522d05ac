using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The student SMS login through the real pages and forms.</summary>
public sealed class StudentLoginShould(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly string _phone = AppFactory.NewPhone();
    private static string Base => $"/s/{AppFactory.A}";

    [Fact]
    public async Task ShowANewUserOnlyTheTwoEntries()
    {
        var (response, home) = await Html.GetAsync(app.Browser(), Base + "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["upload-code", "freshman"], home.QuerySelectorAll(".tiles a").Select(a => a.GetAttribute("data-test")));
        Assert.Equal("上传图像采集码", home.Text("[data-test=upload-code]"));
        Assert.Equal("新生照片上传", home.Text("[data-test=freshman]"));
    }

    [Fact]
    public async Task SendTheStudentToLoginFromTheCollectionEntry()
    {
        var response = await app.Browser().GetAsync(Base + "/collect");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{Base}/login?ReturnUrl=%2Fs%2F{AppFactory.A}%2Fcollect", new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task SignInANewStudentByCodeAndRecordTheAgreement()
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, Base + "/login?ReturnUrl=" + Uri.EscapeDataString(Base + "/collect"));

        var sent = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Agree"] = "true" }));
        Assert.Contains(PhoneNumber.Mask(_phone), sent.Text(".alert.info"), StringComparison.Ordinal);
        Assert.Equal("60", sent.QuerySelector("[data-test=send-code]")?.GetAttribute("data-cooldown"));

        var verified = await Html.SubmitAsync(browser, sent, "[data-test=verify]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = await CodeAsync(), ["Agree"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(Base + "/collect", verified.Headers.Location?.OriginalString);

        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");
        Assert.NotNull(collect.QuerySelector("[data-test=pick-code]"));  // the demo campaign is open
        var (_, home) = await Html.GetAsync(browser, Base + "/");
        Assert.Equal(["upload-code", "freshman", "orders", "reprints", "account", "support"],
            home.QuerySelectorAll(".tiles a").Select(a => a.GetAttribute("data-test")));
        var (_, account) = await Html.GetAsync(browser, Base + "/account");
        Assert.Equal(PhoneNumber.Mask(_phone), account.Text("[data-test=masked-phone]"));

        var user = await UserAsync();
        Assert.NotNull(user);
        Assert.Equal(ServiceAgreement.Version, user.AgreementVersion);
        Assert.NotNull(user.AgreementAcceptedAt);
    }

    [Fact]
    public async Task RefuseToSendACodeWithoutTheAgreement()
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, Base + "/login");

        var page = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = _phone }));

        Assert.Contains("勾选同意", page.Text(".alert.error"), StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("abcdefghijk")]
    [InlineData("")]
    [InlineData("139123456781391234567813912345678")]
    public async Task ExplainAMalformedPhone(string phone)
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, Base + "/login");

        var page = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = phone, ["Agree"] = "true" }));

        Assert.Contains("手机号格式不正确", page.Text(".alert.error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateNoAccountForAWrongCode()
    {
        var browser = app.Browser();
        var login = await SendCodeAsync(browser);
        var wrong = (await CodeAsync()) == "000000" ? "111111" : "000000";

        var page = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=verify]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = wrong, ["Agree"] = "true" }));

        Assert.Contains("验证码不正确，还可尝试4次", page.Text(".alert.error"), StringComparison.Ordinal);
        Assert.Null(await UserAsync());
    }

    [Fact]
    public async Task RefuseAReusedCode()
    {
        var first = app.Browser();
        var login = await SendCodeAsync(first);
        var code = await CodeAsync();
        await Html.SubmitAsync(first, login, "[data-test=verify]", new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = code, ["Agree"] = "true" });

        var second = app.Browser();
        var (_, other) = await Html.GetAsync(second, Base + "/login");
        var page = await Html.ParseAsync(await Html.SubmitAsync(second, other, "[data-test=verify]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = code, ["Agree"] = "true" }));

        Assert.Contains("验证码已失效或已使用", page.Text(".alert.error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowDownAFloodOfCodeRequests()
    {
        var browser = app.Browser();
        var login = await SendCodeAsync(browser);

        var page = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Agree"] = "true" }));

        Assert.Matches("请[0-9]+秒后再试", page.Text(".alert.error"));
        Assert.Equal(1, await OutboxCountAsync());
    }

    [Fact]
    public async Task RejectAPostWithoutTheAntiforgeryToken()
    {
        var response = await app.Browser().PostAsync(Base + "/login?handler=SendCode",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Phone"] = _phone, ["Agree"] = "true" }));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("刷新页面", page.Text("[data-test=status-400]"), StringComparison.Ordinal);
        Assert.Equal(0, await OutboxCountAsync());
    }

    [Fact]
    public async Task IgnoreAnExternalReturnUrl()
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, Base + "/login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var sent = await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Agree"] = "true" }));

        var verified = await Html.SubmitAsync(browser, sent, "[data-test=verify]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = await CodeAsync(), ["Agree"] = "true" });

        Assert.Equal(Base + "/", verified.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOutFromTheAccountPage()
    {
        var browser = app.Browser();
        var login = await SendCodeAsync(browser);
        await Html.SubmitAsync(browser, login, "[data-test=verify]", new Dictionary<string, string?> { ["Phone"] = _phone, ["Code"] = await CodeAsync(), ["Agree"] = "true" });
        var (_, account) = await Html.GetAsync(browser, Base + "/account");

        await Html.SubmitAsync(browser, account, "[data-test=logout]");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Base + "/account")).StatusCode);
    }

    private async Task<IHtmlDocument> SendCodeAsync(HttpClient browser)
    {
        var (_, login) = await Html.GetAsync(browser, Base + "/login");
        return await Html.ParseAsync(await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = _phone, ["Agree"] = "true" }));
    }

    private Task<string> CodeAsync() => app.LatestCodeAsync(AppFactory.A, _phone);

    private Task<int> OutboxCountAsync() => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<AppDbContext>().SmsOutbox.CountAsync(m => m.Phone == _phone));

    private Task<AppUser?> UserAsync() => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(_phone));
}
