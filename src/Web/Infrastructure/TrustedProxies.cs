using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// The client's address and scheme behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// believed only from the proxies configured in <c>Photocollect:Network:TrustedProxies</c> (addresses, or networks as
/// <c>10.0.0.0/8</c>), never from anyone else; with none configured they are ignored and the connection's peer is
/// the client. Limits per address (SMS codes, sign-in throttle) and the payment provider's client IP use the result.
/// </summary>
public static class TrustedProxies
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Photocollect:Network:TrustedProxies";

    /// <summary>Whether any proxy is configured (only then may the forwarded-headers middleware run: with an empty list
    /// it would believe everyone).</summary>
    public static bool AnyConfigured(IConfiguration configuration) =>
        (configuration ?? throw new ArgumentNullException(nameof(configuration))).GetSection(Section).Get<string[]>() is { Length: > 0 };

    /// <summary>Options for the forwarded-headers middleware from the configured list.</summary>
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The defaults trust loopback; nothing is trusted unless configured.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configuration.GetSection(Section).Get<string[]>() ?? [])
        {
            if (entry.Contains('/', StringComparison.Ordinal))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }

        // A chain of trusted proxies is walked back to the first address none of them is.
        options.ForwardLimit = null;
    }
}
