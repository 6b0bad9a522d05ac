using System.Threading.RateLimiting;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// How often one student may send the camera page's guide a live frame: a token bucket per account, four at once and
/// then four a second. The page sends about two a second and waits for each answer, so only a script sending faster
/// is told 429, and its frames are not looked at. The limiter drops a student's bucket after some idle seconds, so it
/// holds only the students who are on the page.
/// </summary>
public sealed class FrameThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter = PartitionedRateLimiter.Create<Guid, Guid>(account =>
        RateLimitPartition.GetTokenBucketLimiter(account, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 4,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(250),
            QueueLimit = 0,
        }));

    /// <summary>Takes a frame's token of the account's; false when it has sent too many just now.</summary>
    public bool TryTake(Guid accountId)
    {
        using var lease = limiter.AttemptAcquire(accountId);
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose() => limiter.Dispose();
}
