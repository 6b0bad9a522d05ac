using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Photocollect.Tenancy.Resolution;

/// <summary>
/// Resolves the school, enters it in <see cref="TenantContext"/>, moves a <c>/s/{slug}</c> prefix into PathBase so
/// pages and links are written once for every strategy, and opens a log scope with the tenant. An unknown school
/// ends the request with 404, a suspended one with 403; the status-code page explains which. A page re-executed for
/// an error status inside a school is in that school again.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, ILogger<TenantResolutionMiddleware> logger)
{
    /// <summary>Middleware entry point.</summary>
    public async Task InvokeAsync(HttpContext context, TenantResolver resolver, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(tenant);

        if (context.Features.Get<TenantFeature>() is { } resolved)
        {
            // Re-execution (status-code pages, the exception handler): PathBase is already set, and the school is
            // entered again so the error page wears its name, colour and logo and links back to its home. A suspended
            // school's page says only that it is suspended, as the platform.
            using var again = resolved.Resolution.School is { } known && !resolved.Suspended ? tenant.EnterTenant(known) : null;
            await next(context);
            return;
        }

        var resolution = await resolver.ResolveAsync(context.Request.Host.Value, context.Request.Path, context.RequestAborted);
        var feature = new TenantFeature(resolution);
        context.Features.Set(feature);

        if (resolution.Outcome == TenantResolutionOutcome.Unknown)
        {
            logger.LogInformation("Unknown school {Requested} by {Strategy}", resolution.Requested, resolution.Strategy);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (feature.Suspended)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var _ = resolution.School is { } school ? tenant.EnterTenant(school) : tenant.EnterPlatform();
        if (resolution.PathMatch is { } match)
        {
            context.Request.PathBase = context.Request.PathBase.Add(match.Prefix);
            context.Request.Path = match.Remainder;
        }

        using var logScope = logger.BeginScope("Tenant:{TenantSlug} {TenantId}", resolution.School?.Slug ?? "-", resolution.School?.Id);
        await next(context);
    }
}
