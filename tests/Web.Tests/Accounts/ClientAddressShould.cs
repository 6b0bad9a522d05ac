using System.Net;
using System.Net.Http.Json;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Accounts;

/// <summary>
/// The client address that per-address limits count is the connection's peer unless that peer is a configured
/// trusted proxy: then X-Forwarded-For names it. A client cannot pick its own address by sending the header.
/// </summary>
public sealed class ClientAddressShould(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    [Fact]
    public async Task IgnoreForwardedForFromAPeerThatIsNotATrustedProxy()
    {
        // No proxy is configured: twenty guesses "from" twenty addresses are twenty from 127.0.0.1, and it is stopped.
        for (var i = 0; i < 20; i++)
        {
            var browser = app.Browser();
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            await Sessions.StaffSignInAsync(browser, "nanhu", $"guess-{i}@nanhu.demo", "Password-123");
        }

        var next = app.Browser();
        next.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.200");
        var page = await Html.ParseAsync(await Sessions.StaffSignInAsync(next, "nanhu", "guess-x@nanhu.demo", "Password-123"));

        Assert.Contains("分钟后再试", page.Text(".alert.error"), StringComparison.Ordinal);
    }
}
