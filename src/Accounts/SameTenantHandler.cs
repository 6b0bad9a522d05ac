using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Photocollect.Tenancy;

namespace Photocollect.Accounts;

/// <summary>Checks <see cref="SameTenantRequirement"/> against the request's <see cref="TenantContext"/>.</summary>
public sealed class SameTenantHandler(IHttpContextAccessor http) : AuthorizationHandler<SameTenantRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SameTenantRequirement requirement)
    {
        var tenant = http.HttpContext?.RequestServices.GetRequiredService<TenantContext>();
        if (tenant is not null && TenantClaims.BelongsTo(context.User, tenant))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
