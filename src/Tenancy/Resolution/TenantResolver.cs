using Microsoft.AspNetCore.Http;

namespace Photocollect.Tenancy.Resolution;

/// <summary>
/// Resolves the school of a request. Order: (1) the Host header — <c>{slug}.{base domain}</c> decides alone,
/// a custom host decides when some school owns it; (2) the <c>/s/{slug}</c> path prefix; otherwise no school.
/// </summary>
public sealed class TenantResolver(HostStrategy hostStrategy, ITenantStore store)
{
    /// <summary>Resolves from a host header value and a path.</summary>
    public async Task<TenantResolution> ResolveAsync(string? host, PathString path, CancellationToken cancellationToken)
    {
        var hostMatch = hostStrategy.Match(host);
        switch (hostMatch.Kind)
        {
            case HostMatchKind.Subdomain:
            {
                var school = Slug.IsValid(hostMatch.Value)
                    ? await store.FindBySlugAsync(hostMatch.Value, cancellationToken)
                    : null;
                return school is null
                    ? new(TenantResolutionOutcome.Unknown, null, "host", null, hostMatch.Value)
                    : new(TenantResolutionOutcome.Resolved, school, "host", null, hostMatch.Value);
            }

            case HostMatchKind.CustomHost:
            {
                var school = await store.FindByHostAsync(hostMatch.Value, cancellationToken);
                if (school is not null)
                {
                    return new(TenantResolutionOutcome.Resolved, school, "host", null, hostMatch.Value);
                }

                break;
            }
        }

        if (PathPrefixStrategy.Match(path) is { } pathMatch)
        {
            var school = Slug.IsValid(pathMatch.Slug)
                ? await store.FindBySlugAsync(pathMatch.Slug, cancellationToken)
                : null;
            return school is null
                ? new(TenantResolutionOutcome.Unknown, null, "path", pathMatch, pathMatch.Slug)
                : new(TenantResolutionOutcome.Resolved, school, "path", pathMatch, pathMatch.Slug);
        }

        return new(TenantResolutionOutcome.NoTenant, null, "none", null, null);
    }
}
