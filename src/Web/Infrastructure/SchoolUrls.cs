using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Photocollect.Tenancy.Resolution;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// A school's absolute base URL for what leaves the site (the cashier's return URL, the providers' notification URLs,
/// the URL a school admin registers with a provider): never the request's Host header, which the client writes. The
/// scheme, host and port come from <c>Photocollect:PublicBaseUrl</c> (e.g. <c>https://photocollect.cn</c>), or, where it
/// is not set (a developer's machine), from the address the server listens on. A school reached by its own host
/// name (a sub-domain or a custom host, which the tenant resolution only accepts when the school claims it) keeps
/// that host; a school reached by <c>/s/{slug}</c> gets the public base URL and that prefix.
/// </summary>
public sealed class SchoolUrls(IConfiguration configuration, IServer server, ILogger<SchoolUrls> logger)
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Photocollect:PublicBaseUrl";

    private Uri? publicBase;

    /// <summary>The public base URL in use.</summary>
    public Uri PublicBase => publicBase ??= Configured() ?? Listening();

    /// <summary>The base URL of the request's school, without a trailing slash.</summary>
    public string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = PublicBase;
        if (request.HttpContext.Features.Get<TenantFeature>()?.Resolution is { Strategy: "host" })
        {
            // Resolved by host: the school claims this host name (the port is the public one, not the header's).
            var host = HostStrategy.Normalise(request.Host.Value);
            return new UriBuilder(root.Scheme, host, root.IsDefaultPort ? -1 : root.Port).Uri.GetLeftPart(UriPartial.Authority);
        }

        return root.GetLeftPart(UriPartial.Authority) + root.AbsolutePath.TrimEnd('/') + request.PathBase;
    }

    /// <summary>A school's base URL by its path prefix (<c>{public base}/s/{slug}</c>), for links made outside its pages.</summary>
    public string OfSlug(string slug) => PublicBase.GetLeftPart(UriPartial.Authority) + PublicBase.AbsolutePath.TrimEnd('/') + "/s/" + slug;

    private Uri? Configured() =>
        configuration[Key] is { Length: > 0 } value
            ? Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidOperationException($"{Key} must be an absolute http(s) URL, not '{value}'.")
            : null;

    private Uri Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        // A wildcard binding is no address a browser can use.
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal));
        logger.LogWarning("{Key} is not set: payment return and notification URLs use {Address}, which only this machine reaches", Key, uri);
        return uri;
    }
}
