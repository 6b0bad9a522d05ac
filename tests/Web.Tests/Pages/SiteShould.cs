using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

public sealed class SiteShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReportHealthyWhenTheDatabaseIsMigrated()
    {
        var response = await app.Browser().GetAsync("/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("Data").GetProperty("pending").GetArrayLength());
    }

    [Theory]
    [InlineData("/s/beifang/")]
    [InlineData("/s/beifang/login")]
    [InlineData("/s/beifang/api/v1/campaign")]
    [InlineData("/s/no-such-school/")]
    public async Task SendTheSecurityHeadersOnEveryAnswer(string path)
    {
        var response = await app.Browser().GetAsync(path);

        Assert.Equal(Photocollect.Web.Infrastructure.SecurityHeaders.Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("Code=123456&Phone=13900000001")]
    [InlineData("Phone=139%000")]
    public async Task TakeTheErrorStatusFromTheRequestNotFromItsForm(string form)
    {
        // No anti-forgery token: the login form's POST is refused (400) and re-executed on the error page as a POST
        // with the same form, whose fields must not name the status shown.
        using var content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await app.Browser().PostAsync("/s/beifang/login", content);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-test=status-400]"));
        Assert.DoesNotContain("123456", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/s/no-such-school/")]
    [InlineData("/s/no-such-school/login")]
    [InlineData("/s/Not_A_Slug/")]
    public async Task SayWhenASchoolDoesNotExist(string path)
    {
        var response = await app.Browser().GetAsync(path);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("找不到该学校", page.Text("h1"));
    }

    [Fact]
    public async Task SayWhenASchoolSubdomainDoesNotExist()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "no-such-school.localhost:5080";

        var response = await app.Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-school", (await Html.ParseAsync(response)).Text("p"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/login")]
    [InlineData("GET", "/staff/login")]
    [InlineData("POST", "/login?handler=SendCode")]
    public async Task ServeASuspendedSchoolNothingButThePageThatSaysSo(string method, string path)
    {
        var slug = await SuspendedSchoolAsync();

        var response = await app.Browser().SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/s/{slug}{path}"));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("该学校的采集服务已暂停", page.Text("h1"));
        Assert.Null(page.QuerySelector("form"));
    }

    [Theory]
    [InlineData("localhost", "/s/nanhu/no-such-page", "/s/nanhu/", "返回首页")]
    [InlineData("localhost", "/s/nanhu/collect/no-such-step", "/s/nanhu/", "返回首页")]
    [InlineData("nanhu.localhost:5080", "/no-such-page", "/", "返回首页")]
    [InlineData("photos.nanhu.edu.localhost", "/no-such-page", "/", "返回首页")]
    [InlineData("localhost", "/s/nanhu/staff/no-such-page", "/s/nanhu/staff", "返回工作台")]
    public async Task ShowAPageNotFoundInsideASchoolAsThatSchoolsPageWithAWayBack(string host, string path, string home, string back)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;

        var response = await app.Browser().SendAsync(request);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-test=status-404]"));
        Assert.Equal("南湖师院", page.Text(".brand"));
        Assert.Contains("--brand: #047857", page.Head!.InnerHtml, StringComparison.Ordinal);
        Assert.StartsWith("南湖师范学院", page.Text("footer"), StringComparison.Ordinal);
        var link = page.QuerySelector("a[data-test=error-home]");
        Assert.Equal(home, link?.GetAttribute("href"));
        Assert.Equal(back, link?.TextContent.Trim());
    }

    [Fact]
    public async Task WearTheSchoolsLogoOnItsPageNotFound()
    {
        var slug = "logo-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Schools.Add(new School
            {
                Id = Guid.NewGuid(),
                Slug = slug,
                DisplayName = "徽标示范学院",
                SchoolCode = Random.Shared.Next(200000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Branding = new SchoolBranding { ShortName = "徽标学院", PrimaryColor = "#7c2d12", LogoUrl = "https://cdn.example.cn/logo.png" },
                Status = SchoolStatus.Active,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var response = await app.Browser().GetAsync($"/s/{slug}/no-such-page");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://cdn.example.cn/logo.png", page.QuerySelector("header img.logo")?.GetAttribute("src"));
        Assert.Equal("徽标学院", page.Text(".brand"));
        Assert.Contains("--brand: #7c2d12", page.Head!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal($"/s/{slug}/", page.QuerySelector("a[data-test=error-home]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task ShowAnUnknownOrderAsTheSchoolsPageNotFound()
    {
        var student = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());

        var response = await student.GetAsync($"/s/{AppFactory.B}/orders/{Guid.NewGuid()}");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("南湖师院", page.Text(".brand"));
        Assert.Equal($"/s/{AppFactory.B}/", page.QuerySelector("a[data-test=error-home]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/s/no-such-school/orders")]
    public async Task KeepThePlatformsOwnPageNotFoundOutsideASchool(string path)
    {
        var response = await app.Browser().GetAsync(path);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("图像采集平台", page.Text(".brand"));
        Assert.Null(page.QuerySelector("footer"));
        Assert.Equal("/", page.QuerySelector("a[data-test=error-home]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("nanhu.localhost:5080")]
    public async Task ServeTheIconCachedOnEveryHost(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/favicon.ico");
        request.Headers.Host = host;

        var response = await app.Browser().SendAsync(request);
        var icon = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Photocollect.Web.Infrastructure.StaticAssets.Pictures, Assert.Single(response.Headers.GetValues("Cache-Control")));
        Assert.Equal([0, 0, 1, 0], icon[..4]);  // an ICO header: reserved, type 1 (icon)
        Assert.Equal(3, icon[4]);              // 16, 32 and 48 px
    }

    [Fact]
    public async Task LinkTheIconAndKeepVersionedAssetsAYear()
    {
        var (_, page) = await Html.GetAsync(app.Browser(), $"/s/{AppFactory.A}/");
        var links = new[]
        {
            ("/css/site.css", page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!),
            ("/js/site.js", page.QuerySelector("script[src]")!.GetAttribute("src")!),
        };

        Assert.Equal("/favicon.ico", page.QuerySelector("link[rel=icon]")?.GetAttribute("href"));
        foreach (var (file, link) in links)
        {
            using var answer = await app.Browser().GetAsync(link);
            var content = await answer.Content.ReadAsByteArrayAsync();

            // The version is the served file's own hash, so a changed file gets a new link.
            Assert.Equal($"{file}?v={WebEncoders.Base64UrlEncode(SHA256.HashData(content))}", link);
            Assert.Equal(Photocollect.Web.Infrastructure.StaticAssets.Versioned, Assert.Single(answer.Headers.GetValues("Cache-Control")));
        }
    }

    [Theory]
    [InlineData("beifang.localhost", "北方示范大学")]
    [InlineData("NANHU.localhost:5080", "南湖师范学院")]
    [InlineData("photos.beifang.edu.localhost", "北方示范大学")]
    public async Task ResolveSchoolsByHost(string host, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;

        var page = await Html.ParseAsync(await app.Browser().SendAsync(request));

        Assert.Equal(name, page.Text("h1"));
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/account")]
    [InlineData("/support")]
    public async Task NotServeSchoolPagesOutsideASchool(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(path)).StatusCode);

    [Fact]
    public async Task SpeakChineseByDefaultAndEnglishWhenChosen()
    {
        var browser = app.Browser();
        var (_, chinese) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/login");
        var switched = await browser.GetAsync($"/culture?c=en&returnUrl=%2Fs%2F{AppFactory.A}%2Flogin");
        var (_, english) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/login");

        Assert.Equal("手机号登录", chinese.Text("h1"));
        Assert.Equal("zh-CN", chinese.DocumentElement.GetAttribute("lang"));
        Assert.Equal($"/s/{AppFactory.A}/login", switched.Headers.Location?.OriginalString);
        Assert.Equal("Sign in with your phone", english.Text("h1"));
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task ShowTheSchoolsSupportContact()
    {
        var browser = app.Browser();
        var (_, page) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/support");
        await browser.GetAsync("/culture?c=en&returnUrl=%2F");
        var (_, english) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/support");

        Assert.Equal("010-58691620", page.Text("[data-test=support-phone]"));
        Assert.Equal("工作日 9:00–17:00", page.Text("[data-test=support-hours]"));
        // The school's hours in the words it gave for English pages.
        Assert.Equal("Weekdays 9:00–17:00", english.Text("[data-test=support-hours]"));
    }

    [Fact]
    public async Task BrandEachSchoolWithItsOwnColour()
    {
        var a = await app.Browser().GetStringAsync($"/s/{AppFactory.A}/");
        var b = await app.Browser().GetStringAsync($"/s/{AppFactory.B}/");

        Assert.Contains("--brand: #1d4ed8", a, StringComparison.Ordinal);
        Assert.Contains("--brand: #047857", b, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnOverLongPhoneWithAMessageNotAnError()
    {
        var browser = app.Browser();
        var (_, login) = await Html.GetAsync(browser, $"/s/{AppFactory.A}/login");

        var response = await Html.SubmitAsync(browser, login, "[data-test=send-code]",
            new Dictionary<string, string?> { ["Phone"] = new string('1', 100_000), ["Agree"] = "true", ["Code"] = new string('9', 5000) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("手机号格式不正确", (await Html.ParseAsync(response)).Text(".alert.error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideDevPagesWhenDevToolsAreOff()
    {
        await using var production = new NoDevToolsFactory();

        Assert.Equal(HttpStatusCode.NotFound, (await production.Browser().GetAsync("/dev/sms")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/dev/sms")).StatusCode);
    }

    private async Task<string> SuspendedSchoolAsync()
    {
        var slug = "closed-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Schools.Add(new School
        {
            Id = Guid.NewGuid(),
            Slug = slug,
            DisplayName = "已停用学院",
            SchoolCode = Random.Shared.Next(200000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Status = SchoolStatus.Suspended,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        Assert.True(await db.Schools.AnyAsync(s => s.Slug == slug));
        return slug;
    }

    private sealed class NoDevToolsFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Photocollect:DevTools:Enabled", "false");
        }
    }
}
