using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;

namespace Photocollect.Web.Infrastructure;

/// <summary>Development helpers (SMS outbox page). Off unless configured.</summary>
public sealed class DevToolsOptions
{
    /// <summary>Serve <c>/dev/...</c> pages.</summary>
    public bool Enabled { get; set; }
}

/// <summary>
/// Which pages exist in which scope: <c>/Platform</c> only outside a school; <c>/Index</c>, <c>/Error</c>,
/// <c>/Staff</c> (sign-in works for operators and staff alike) and <c>/Dev</c> in both; every other page only
/// inside a school. A page outside its scope is a 404, as if it did not exist. <c>/Dev</c> pages also need dev tools on.
/// </summary>
public sealed class TenantAreaPageFilter(TenantContext tenant, IOptions<DevToolsOptions> devTools) : IAsyncPageFilter
{
    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var path = context.ActionDescriptor.ViewEnginePath;
        var inSchool = tenant.Kind == TenantScopeKind.Tenant;
        var allowed = path switch
        {
            _ when path.StartsWith("/Platform", StringComparison.Ordinal) => !inSchool,
            _ when path.StartsWith("/Dev", StringComparison.Ordinal) => devTools.Value.Enabled,
            "/Index" or "/Error" => true,
            _ when path.StartsWith("/Staff", StringComparison.Ordinal) => true,
            _ => inSchool,
        };
        if (!allowed)
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
