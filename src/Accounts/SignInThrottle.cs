using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Accounts;

/// <summary>
/// Slows password guessing without letting anyone lock an account: failed staff sign-ins are counted per client
/// address and account as typed, and per address, over a sliding window; past either limit that address is refused
/// for the account (or for all) until old failures leave the window. Someone else's failures never stop the
/// owner signing in from their own address, and an unknown e-mail counts and answers exactly as a known one. Counts
/// live in the database, so they hold across instances.
/// </summary>
public sealed class SignInThrottle(AppDbContext db, TimeProvider clock)
{
    /// <summary>Failures from one address for one account within <see cref="Window"/> before it is refused.</summary>
    public const int PerAccount = 5;

    /// <summary>Failures from one address, any accounts, within <see cref="Window"/> before it is refused.</summary>
    public const int PerAddress = 20;

    /// <summary>How far back failures count.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>How long the address must wait before trying this account again, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(string address, string account, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recent = db.SignInFailures.AsNoTracking().Where(f => f.Address == address && f.At > now - Window);
        var forAccount = await recent.Where(f => f.Account == account).OrderByDescending(f => f.At).Select(f => f.At).Take(PerAccount).ToListAsync(cancellationToken);
        var forAddress = await recent.OrderByDescending(f => f.At).Select(f => f.At).Take(PerAddress).ToListAsync(cancellationToken);
        // Free again when the oldest failure that makes up the limit leaves the window.
        var until = new[] { forAccount.Count >= PerAccount ? forAccount[^1] : (DateTimeOffset?)null, forAddress.Count >= PerAddress ? forAddress[^1] : null }.Max() + Window;
        return until > now ? until - now : null;
    }

    /// <summary>Records a failure (wrong password, unknown account, not staff: all alike).</summary>
    public async Task FailedAsync(string address, string account, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.SignInFailures.Add(new SignInFailure { Id = Guid.CreateVersion7(), Address = address, Account = account, At = now });
        await db.SaveChangesAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.Address == address && f.At < now - TimeSpan.FromDays(1)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A success from the address clears its failures for the account.</summary>
    public Task SucceededAsync(string address, string account, CancellationToken cancellationToken) =>
        db.SignInFailures.Where(f => f.Address == address && f.Account == account).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The throttle's account key for an e-mail typed in a school (or, with no school, the platform).</summary>
    public static string AccountKey(string? schoolSlug, string email) =>
        $"{schoolSlug ?? "platform"}:{email.Trim().ToLowerInvariant()}";
}
