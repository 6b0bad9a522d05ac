using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;
using Photocollect.Data;

namespace Photocollect.Web.Tests.Pages;

public sealed class StaffLoginShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("admin", "SchoolAdmin")]
    [InlineData("reviewer", "Reviewer")]
    [InlineData("photographer", "Photographer")]
    public async Task LandEachSchoolRoleOnItsOwnPage(string who, string role)
    {
        var browser = app.Browser();

        var signedIn = await SignInAsync(browser, AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, who), AppFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal($"/s/{AppFactory.A}/staff", signedIn.Headers.Location?.OriginalString);
        var (_, landing) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/staff");
        Assert.NotNull(landing.QuerySelector($"[data-test=landing-{role}]"));
    }

    [Fact]
    public async Task EndTheSessionOnTheServerAtSignOutNotOnlyInTheBrowser()
    {
        var browser = app.Browser();
        var signedIn = await SignInAsync(browser, AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"), AppFactory.Password);
        // What someone copied from the browser before it signed out.
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pc.auth=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/s/beifang/staff/review")).StatusCode);

        var (_, landing) = await Html.GetAsync(browser, "/s/beifang/staff");
        await Html.SubmitAsync(browser, landing, "[data-test=staff-logout]");

        var after = await copy.GetAsync("/s/beifang/staff/review");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/staff/login", after.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LandTheOperatorOnTheSchoolList()
    {
        var browser = app.Browser();

        await SignInAsync(browser, null, DemoSeeder.OperatorEmail, AppFactory.Password);
        var (_, landing) = await Html.GetAsync(browser, "/staff");

        Assert.NotNull(landing.QuerySelector("[data-test=landing-PlatformOperator]"));
        Assert.Equal(2, landing.QuerySelectorAll("[data-test=schools] tbody tr").Length);
    }

    [Fact]
    public async Task SayNothingMoreThanWrongForAnUnknownEmailOrPassword()
    {
        var wrongPassword = await Html.ParseAsync(await SignInAsync(app.Browser(), AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"), "not-the-password"));
        var unknown = await Html.ParseAsync(await SignInAsync(app.Browser(), AppFactory.A, "nobody@example.com", "whatever-pass"));

        Assert.Equal("邮箱或密码不正确。", wrongPassword.Text(".alert.error"));
        Assert.Equal("邮箱或密码不正确。", unknown.Text(".alert.error"));
    }

    [Fact]
    public async Task NotLetStaffSignInAtAnotherSchool()
    {
        var response = await SignInAsync(app.Browser(), AppFactory.B, DemoSeeder.StaffEmail(AppFactory.A, "admin"), AppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("邮箱或密码不正确。", (await Html.ParseAsync(response)).Text(".alert.error"));
    }

    [Fact]
    public async Task NotLetSchoolStaffSignInAsOperators()
    {
        var response = await SignInAsync(app.Browser(), null, DemoSeeder.StaffEmail(AppFactory.A, "admin"), AppFactory.Password);

        Assert.Equal("邮箱或密码不正确。", (await Html.ParseAsync(response)).Text(".alert.error"));
    }

    [Fact]
    public async Task AskForTheAuthenticatorCodeOnceTotpIsOn()
    {
        var email = await NewStaffAsync(AppFactory.A, Roles.SchoolAdmin);
        var browser = app.Browser();
        await SignInAsync(browser, AppFactory.A, email, AppFactory.Password);

        var (_, security) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/staff/security");
        var key = security.Text("[data-test=totp-key]")!;
        var wrong = await Html.ParseAsync(await Html.SubmitAsync(browser, security, "[data-test=enable-2fa]",
            new Dictionary<string, string?> { ["Code"] = "000000" == Totp.Code(key, app.Clock.GetUtcNow()) ? "111111" : "000000" }));
        Assert.NotNull(wrong.QuerySelector(".alert.error"));
        var enabled = await Html.ParseAsync(await Html.SubmitAsync(browser, wrong, "[data-test=enable-2fa]",
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) }));
        Assert.NotNull(enabled.QuerySelector("[data-test='2fa-on']"));

        var next = app.Browser();
        var password = await SignInAsync(next, AppFactory.A, email, AppFactory.Password);
        Assert.StartsWith($"/s/{AppFactory.A}/staff/login/2fa", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync($"/s/{AppFactory.A}/staff")).StatusCode);

        var (_, second) = await Html.GetAsync(next, password.Headers.Location!.OriginalString);
        var done = await Html.SubmitAsync(next, second, "[data-test=verify-2fa]",
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key, app.Clock.GetUtcNow()) });
        Assert.Equal($"/s/{AppFactory.A}/staff", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync($"/s/{AppFactory.A}/staff")).StatusCode);
    }

    [Fact]
    public async Task RefuseTheSecondStepWithoutTheFirst()
    {
        var response = await app.Browser().GetAsync($"/s/{AppFactory.A}/staff/login/2fa");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/s/{AppFactory.A}/staff/login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ExplainMissingFields()
    {
        var response = await SignInAsync(app.Browser(), AppFactory.A, "", "");

        Assert.Equal("请输入邮箱和密码。", (await Html.ParseAsync(response)).Text(".alert.error"));
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string? slug, string email, string password) =>
        Sessions.StaffSignInAsync(browser, slug, email, password);

    private Task<string> NewStaffAsync(string slug, string role) => app.InSchoolAsync(slug, async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var school = await app.SchoolAsync(slug);
        var email = $"staff-{Guid.NewGuid():N}@{slug}.test";
        var user = new AppUser { Id = Guid.NewGuid(), TenantId = school.Id, UserName = email, Email = email, DisplayName = "测试" };
        Assert.True((await users.CreateAsync(user, AppFactory.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    });
}
