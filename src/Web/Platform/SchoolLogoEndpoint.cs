using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Photocollect.Data;
using Photocollect.Tenancy;

namespace Photocollect.Web.Platform;

/// <summary>
/// <c>GET /logo</c> on a school's pages: its uploaded logo. The URL the pages use carries the upload's time, so the
/// answer can be cached for a year; outside a school, or for a school without one, 404.
/// </summary>
public static class SchoolLogoEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapSchoolLogo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/logo", async (TenantContext tenant, AppDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (tenant.Kind != TenantScopeKind.Tenant || await db.SchoolLogos.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is not { } logo)
            {
                return Results.NotFound();
            }

            http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            return Results.Bytes(logo.Bytes, logo.ContentType, lastModified: logo.UpdatedAt);
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>The address of a school's logo as a page at <paramref name="pathBase"/> links it (uploaded logos live under the school's prefix).</summary>
    public static string? Src(string? logoUrl, string pathBase) =>
        logoUrl is not null && logoUrl.StartsWith("/logo?", StringComparison.Ordinal) ? pathBase + logoUrl : logoUrl;
}
