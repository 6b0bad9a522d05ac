using Microsoft.AspNetCore.Hosting;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>
/// The URLs handed to the payment provider (the cashier, return and notification URLs) come from the configured
/// public base URL or the school's own host name, never from a Host header the client wrote.
/// </summary>
public sealed class SchoolUrlsShould(SchoolUrlsShould.PublicApp app) : IClassFixture<SchoolUrlsShould.PublicApp>
{
    [Fact]
    public async Task IgnoreAForgedHostHeaderOnAPathAddressedSchool()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        browser.DefaultRequestHeaders.Host = "evil.example";

        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");

        Assert.StartsWith("https://photos.example.cn/s/beifang/pay/sandbox/", toCashier.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepTheSchoolsOwnHostNameWithThePublicSchemeAndPort()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        browser.DefaultRequestHeaders.Host = "beifang.localhost:6666";
        var (_, order) = await Html.GetAsync(browser, orderUrl["/s/beifang".Length..]);

        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");

        Assert.StartsWith("https://beifang.localhost/pay/sandbox/", toCashier.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>The app with a public base URL configured.</summary>
    public sealed class PublicApp : AppFactory
    {
        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Photocollect:PublicBaseUrl", "https://photos.example.cn");
        }
    }
}
