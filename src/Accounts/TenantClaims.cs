using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Photocollect.Tenancy;

namespace Photocollect.Accounts;

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
