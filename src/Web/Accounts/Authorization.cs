using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;

namespace Photocollect.Web.Accounts;

/// <summary>Claims and policies that tie a session to its school.</summary>
public static class TenantClaims
{
    /// <summary>Claim with the account's school id, or <see cref="Platform"/>.</summary>
    public const string Tenant = "pc:tenant";

    /// <summary>Value of <see cref="Tenant"/> for platform accounts.</summary>
    public const string Platform = "platform";

    /// <summary>Whether <paramref name="user"/> is signed in to the school of <paramref name="tenant"/> (or, outside a school, to the platform).</summary>
    public static bool BelongsTo(ClaimsPrincipal user, TenantContext tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tenant);
        var claim = user.FindFirstValue(Tenant);
        return tenant.Kind switch
        {
            TenantScopeKind.Tenant => claim == tenant.TenantId!.Value.ToString(),
            TenantScopeKind.Platform => claim == Platform,
            _ => false,
        };
    }
}

/// <summary>Policy names.</summary>
public static class Policies
{
    /// <summary>A student of the current school.</summary>
    public const string Student = "Student";

    /// <summary>Any staff role at the current school, or an operator at the platform root.</summary>
    public const string Staff = "Staff";

    /// <summary>The school admin of the current school.</summary>
    public const string SchoolAdmin = "SchoolAdmin";

    /// <summary>A platform operator, outside any school.</summary>
    public const string PlatformOperator = "PlatformOperator";

    /// <summary>Registers the policies: each requires a role and that the session belongs to the current scope.</summary>
    public static AuthorizationBuilder AddPhotocollectPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Student, p => p.RequireRole(Roles.Student).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff, Roles.PlatformOperator]).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(SchoolAdmin, p => p.RequireRole(Roles.SchoolAdmin).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(PlatformOperator, p => p.RequireRole(Roles.PlatformOperator).AddRequirements(new SameTenantRequirement()));
    }
}

/// <summary>The session's school claim must match the request's school (or platform).</summary>
public sealed class SameTenantRequirement : IAuthorizationRequirement;

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

/// <summary>Adds the school claim to every signed-in principal.</summary>
public sealed class TenantClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole<Guid>>(users, roles, options)
{
    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaims.Tenant, user.TenantId?.ToString() ?? TenantClaims.Platform));
        return identity;
    }
}
