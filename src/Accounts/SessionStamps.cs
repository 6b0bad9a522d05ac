using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Photocollect.Data;

namespace Photocollect.Accounts;

/// <summary>
/// Ends sessions on the server: a signed-in cookie is accepted only while the account's security stamp is the one it
/// was issued with. Signing out (and a password change) moves the stamp, so a copy of the cookie stops working at
/// once on this instance and within <see cref="Fresh"/> on the others. The stamp is read through a short cache, not
/// on every request with Identity's own validator (which also rebuilds the principal), to keep pages cheap.
/// </summary>
public sealed class SessionStamps(IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    /// <summary>How long another instance may go on accepting a session that was ended elsewhere.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    /// <summary>Cookie event: rejects (and clears) a session whose stamp is no longer the account's.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = identity.Value.ClaimsIdentity;
        if (context.Principal?.FindFirstValue(claims.UserIdClaimType) is not { } userId || !Guid.TryParse(userId, out var id))
        {
            return;
        }

        var issued = context.Principal.FindFirstValue(claims.SecurityStampClaimType);
        // The database context only when the stamp is not kept: most requests need none.
        var services = context.HttpContext.RequestServices;
        var current = await cache.GetOrCreateAsync(Key(id), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Fresh;
            return StampAsync(services.GetRequiredService<AppDbContext>(), id, context.HttpContext.RequestAborted);
        });
        if (!string.Equals(current, issued, StringComparison.Ordinal))
        {
            // The cache may be older than the session (a stamp moved by enabling two-factor sign-in, then a new
            // sign-in): a session is ended only on what the database says now.
            current = await StampAsync(services.GetRequiredService<AppDbContext>(), id, context.HttpContext.RequestAborted);
            cache.Set(Key(id), current, Fresh);
        }

        if (current is null || !string.Equals(current, issued, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    // Whatever school the request is at: the account is found by id alone (platform accounts have no school).
    private static Task<string?> StampAsync(AppDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Ends every session of <paramref name="user"/> (sign-out, password or role change).</summary>
    public async Task EndAllAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        await users.UpdateSecurityStampAsync(user);
        cache.Remove(Key(user.Id));
    }

    private static string Key(Guid userId) => $"session-stamp:{userId:N}";
}
