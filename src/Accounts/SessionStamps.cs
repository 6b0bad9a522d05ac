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
/// account arriving meanwhile waits for, and kept for a time drawn at each read between half of <see cref="Fresh"/>
/// and all of it, so accounts signed in together (a class told to sign in at nine) do not all read again in the same
/// instant. When 64 did, the database's connection pool had to open 60 connections at once, a second's stall on two
/// cores (issue 19).
/// </remarks>
public sealed class SessionStamps(IMemoryCache cache, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity,
    ILogger<SessionStamps> logger)
{
    /// <summary>How long another instance may go on accepting a session that was ended elsewhere.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    // The reads under way, by account: a request that finds its account's stamp gone joins the one there is.
    private readonly ConcurrentDictionary<Guid, Lazy<Task<string?>>> reading = new();

    // Sessions ended on this instance so far. A read that a sign-out overlapped may hold the stamp from before it, so
    // what it read is not kept (sign-outs are rare; the next request reads again).
    private int endings;

    /// <summary>Cookie event: rejects (and clears) a session whose stamp is no longer the account's.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = identity.Value.ClaimsIdentity;
        if (context.Principal?.FindFirstValue(claims.UserIdClaimType) is not { } userId
            || !Guid.TryParse(userId, out var id))
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
            var ended = Volatile.Read(ref endings);
            current = await ReadAsync(id, aborted);
            Keep(id, current, ended);
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
        // After the new stamp is written: no read begun before it is kept, and no request from now on joins one.
        Interlocked.Increment(ref endings);
        reading.TryRemove(user.Id, out _);
        cache.Remove(Key(user.Id));
    }

    /// <summary>The cache key of an account's stamp.</summary>
    internal static string Key(Guid userId) => $"session-stamp:{userId:N}";

    // The stamp as kept, or the read under way. The read belongs to no request (a scope of its own, no request's
    // token): a request whose client left stops waiting while the read goes on for the others.
    private async Task<string?> KeptAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(id), out string? kept))
        {
            return kept;
        }

        var read = reading.GetOrAdd(id, static (id, self) => self.NewRead(id), this);
        return await read.Value.WaitAsync(cancellationToken);
    }

    private Lazy<Task<string?>> NewRead(Guid id)
    {
        Lazy<Task<string?>>? read = null;
        read = new Lazy<Task<string?>>(() => ReadAndKeepAsync(id, read!));
        return read;
    }

    // One read shared by the requests that join it; a failed one is logged (its waiters may all have gone) and not
    // kept, so the next request reads again.
    private async Task<string?> ReadAndKeepAsync(Guid id, Lazy<Task<string?>> self)
    {
        try
        {
            var ended = Volatile.Read(ref endings);
            var stamp = await ReadAsync(id, CancellationToken.None);
            Keep(id, stamp, ended);
            return stamp;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The security stamp of account {Account} could not be read.", id);
            throw;
        }
        finally
        {
            // Only this read: since a sign-out there may be none, or a newer one.
            reading.TryRemove(KeyValuePair.Create(id, self));
        }
    }

    // Keeps a stamp read when no session ended since the read began; should one end while it is being kept, its
    // removal may have come first, so the stamp is taken out again.
    private void Keep(Guid id, string? stamp, int ended)
    {
        if (Volatile.Read(ref endings) != ended)
        {
            return;
        }

        cache.Set(Key(id), stamp, Fresh * (0.5 + (Random.Shared.NextDouble() / 2)));
        if (Volatile.Read(ref endings) != ended)
        {
            cache.Remove(Key(id));
        }
    }

    // Whatever school the request is at: the account is found by id alone (platform accounts have no school). A scope
    // of its own gives the read a context with no school's scope, whichever request started it.
    private async Task<string?> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.IgnoreQueryFilters().Where(u => u.Id == id).Select(u => u.SecurityStamp)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
