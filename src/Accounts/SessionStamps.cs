using System.Collections.Concurrent;
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
/// <remarks>
/// A crowd must not read the stamps all at once: each account's stamp is read by one query that every request of the
/// account arriving meanwhile waits for, and kept for a time drawn between half of <see cref="Fresh"/> and all of it,
/// so accounts signed in together (a class told to sign in at nine) do not all read again in the same instant. When
/// 64 did, the database's connection pool had to open 60 connections at once, a second's stall on two cores.
/// </remarks>
public sealed class SessionStamps(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts, IOptions<IdentityOptions> identity)
{
    /// <summary>How long another instance may go on accepting a session that was ended elsewhere.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    // The reads of stamps under way, by account.
    private readonly ConcurrentDictionary<Guid, Lazy<Task<string?>>> reading = new();

    // How many times sessions were ended here: a read that ran across an ending is not kept.
    private int endings;

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
        var aborted = context.HttpContext.RequestAborted;
        var current = await KeptAsync(id, aborted);
        if (!string.Equals(current, issued, StringComparison.Ordinal))
        {
            // The cache may be older than the session (a stamp moved by enabling two-factor sign-in, then a new
            // sign-in): a session is ended only on what the database says now.
            current = await ReadAsync(id, aborted);
            cache.Set(Key(id), current, Lifetime());
        }

        if (current is null || !string.Equals(current, issued, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    /// <summary>Ends every session of <paramref name="user"/> (sign-out, password or role change).</summary>
    public async Task EndAllAsync(UserManager<AppUser> users, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        await users.UpdateSecurityStampAsync(user);
        Interlocked.Increment(ref endings);  // after the new stamp is written: a read that began before keeps nothing
        cache.Remove(Key(user.Id));
    }

    // The stamp as kept, or the read under way that every request of the account shares. The read belongs to no
    // request (its own context, no request's token): a request that goes stops waiting, the read goes on for the others.
    private async Task<string?> KeptAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(id), out string? kept))
        {
            return kept;
        }

        var read = reading.GetOrAdd(id, static (id, self) => new Lazy<Task<string?>>(() => self.ReadAndKeepAsync(id)), this);
        return await read.Value.WaitAsync(cancellationToken);
    }

    // One read of the stamp, kept unless it failed (the next request reads again) or a session of any account was
    // ended while it ran (it may hold the stamp from before).
    private async Task<string?> ReadAndKeepAsync(Guid id)
    {
        try
        {
            var ended = Volatile.Read(ref endings);
            var stamp = await ReadAsync(id, CancellationToken.None);
            if (Volatile.Read(ref endings) == ended)
            {
                cache.Set(Key(id), stamp, Lifetime());
            }

            return stamp;
        }
        finally
        {
            reading.TryRemove(id, out _);
        }
    }

    // Whatever school the request is at: the account is found by id alone (platform accounts have no school).
    private async Task<string?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
    }

    private static TimeSpan Lifetime() => Fresh * (0.5 + (Random.Shared.NextDouble() / 2));

    /// <summary>The cache key of an account's stamp.</summary>
    internal static string Key(Guid userId) => $"session-stamp:{userId:N}";
}
