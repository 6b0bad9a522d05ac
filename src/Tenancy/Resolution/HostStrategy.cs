using System.Net;

namespace Photocollect.Tenancy.Resolution;

/// <summary>Reads the school from the Host header: <c>{slug}.{base domain}</c> or a school's custom host.</summary>
public sealed class HostStrategy(TenantResolutionOptions options)
{
    /// <summary>Classifies a raw Host header value (may carry a port, upper case, a trailing dot).</summary>
    public HostMatch Match(string? hostHeader)
    {
        var host = Normalise(hostHeader);
        if (host.Length == 0 || IPAddress.TryParse(host, out _))
        {
            return HostMatch.None;
        }

        foreach (var baseDomain in options.BaseDomains)
        {
            var domain = baseDomain.Trim().TrimEnd('.').ToLowerInvariant();
            if (host == domain)
            {
                return HostMatch.None;
            }

            if (host.EndsWith("." + domain, StringComparison.Ordinal))
            {
                var label = host[..^(domain.Length + 1)];
                if (label.Contains('.', StringComparison.Ordinal))
                {
                    // a.b.example.cn is nobody's sub-domain form: only a custom host can claim it.
                    return new HostMatch(HostMatchKind.CustomHost, host);
                }

                return options.ReservedLabels.Contains(label, StringComparer.OrdinalIgnoreCase)
                    ? HostMatch.None
                    : new HostMatch(HostMatchKind.Subdomain, label);
            }
        }

        return new HostMatch(HostMatchKind.CustomHost, host);
    }

    /// <summary>Lower case, without port, brackets or trailing dot.</summary>
    public static string Normalise(string? hostHeader)
    {
        var host = (hostHeader ?? string.Empty).Trim();
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            return end < 0 ? string.Empty : host[1..end].ToLowerInvariant();
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            // More than one colon without brackets is a bare IPv6 address, not host:port.
            host = host.IndexOf(':', colon + 1) >= 0 ? host : host[..colon];
        }

        return host.TrimEnd('.').ToLowerInvariant();
    }
}
