using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Which pages exist in which scope, decided after routing and before authentication, so a page outside its scope is
/// a plain 404 (not a sign-in prompt): <c>/Index</c>, <c>/Error</c>, <c>/Culture</c> and <c>/Staff</c> (operators
/// and school staff sign in alike) in both; <c>/Dev</c> only with dev tools on; every other page, and the JSON API,
/// only inside a school.
/// </summary>
public sealed class TenantAreaMiddleware(RequestDelegate next, IOptions<DevToolsOptions> devTools)
{
    /// <summary>Middleware entry point.</summary>
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenant);
        var endpoint = context.GetEndpoint();
        var page = endpoint?.Metadata.GetMetadata<PageActionDescriptor>();
        var inSchool = tenant.Kind == TenantScopeKind.Tenant;
        var schoolApi = (endpoint as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true;
        if ((page is not null && !Allowed(page.ViewEnginePath, inSchool)) || (schoolApi && !inSchool))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private bool Allowed(string path, bool inSchool) => path switch
    {
        _ when path.StartsWith("/Dev/", StringComparison.Ordinal) => devTools.Value.Enabled,
        _ when path.StartsWith("/Staff/", StringComparison.Ordinal) => true,
        "/Index" or "/Error" or "/Culture" => true,
        _ => inSchool,
    };
}
