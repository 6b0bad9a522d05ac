namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The app on a real Kestrel server on a free loopback port instead of the in-memory test server: for what only a
/// real server does (request body limits, connection handling). Clients from <c>CreateClient</c> and
/// <c>Browser</c> talk HTTP to it.
/// </summary>
public class KestrelAppFactory : AppFactory
{
    /// <summary>Chooses Kestrel; the port is picked when the server starts.</summary>
    public KestrelAppFactory() => UseKestrel(0);

    /// <inheritdoc />
    public override HttpClient Browser()
    {
        StartServer();
        // The factory's own handlers (cookies, no redirects) serve only the in-memory server: a real client's here.
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = ClientOptions.BaseAddress };
    }
}
