using Microsoft.AspNetCore.Hosting;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The app on Kestrel behind a reverse proxy it trusts (127.0.0.1, the tests' own address): a request's
/// <c>X-Forwarded-For</c> is then its client address, so a test can speak from many addresses.
/// </summary>
public sealed class BehindAProxyAppFactory : KestrelAppFactory
{
    /// <summary>A browser whose requests come, by the trusted proxy's word, from <paramref name="address"/>.</summary>
    public HttpClient BrowserAt(string address)
    {
        var browser = Browser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Photocollect:Network:TrustedProxies:0", "127.0.0.1");
    }
}
