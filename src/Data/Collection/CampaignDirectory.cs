using System.Collections.Concurrent;
using Photocollect.Data.Tenancy;

namespace Photocollect.Data;

/// <summary>
/// Each school's campaigns, kept in memory for <see cref="Fresh"/> (as <see cref="SchoolDirectory"/> keeps schools):
/// every collection page and API call asks for the school's campaign and it changes a few times a year. Whoever
/// changes a campaign on this instance forgets the school here: every <c>SaveChanges</c> that adds, changes or removes
/// a campaign does so through <see cref="CampaignWrites"/> (after the commit when inside a transaction), and the few
/// bulk updates call <see cref="Forget"/> themselves. So a change shows at once on this instance and within
/// <see cref="Fresh"/> on the others (plus the one read that fetches them: once an entry is older, one request reads
/// it again while the others go on with it, <see cref="KeptEntry{T}"/>).
/// </summary>
public sealed class CampaignDirectory(TimeProvider clock)
{
    /// <summary>How long another instance may go on using a school's campaigns as they were before a change.</summary>
    public static readonly TimeSpan Fresh = SchoolDirectory.Fresh;

    private readonly ConcurrentDictionary<Guid, (KeptEntry<IReadOnlyList<Campaign>> Kept, long Generation)> entries = new();

    // Bumped by every Forget: a read that began before a change and ends after it is never handed out.
    private readonly ConcurrentDictionary<Guid, long> generations = new();

    /// <summary>
    /// The school's campaigns as kept, or as <paramref name="load"/> reads them (then kept). The campaigns are shared:
    /// callers hand out <see cref="Campaign.Copy"/>, never the kept object.
    /// </summary>
    public async Task<IReadOnlyList<Campaign>> OfSchoolAsync(Guid schoolId, Func<CancellationToken, Task<List<Campaign>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        var generation = generations.GetValueOrDefault(schoolId);
        entries.TryGetValue(schoolId, out var entry);
        var kept = entry.Generation == generation ? entry.Kept : null;
        var claimed = false;
        if (kept is not null && kept.Serves(now, out claimed))
        {
            return kept.Value;
        }

        // Kept with the generation the read began under: if a change is forgotten while it runs, what it read is never
        // handed out again (the next read sees a newer generation and reads again).
        List<Campaign> campaigns;
        try
        {
            campaigns = await load(cancellationToken);
        }
        catch
        {
            if (claimed)
            {
                kept!.Release();
            }

            throw;
        }

        // Never over what a read begun after a later Forget kept: the newer generation stays.
        var read = (new KeptEntry<IReadOnlyList<Campaign>>(campaigns, now + Fresh), generation);
        entries.AddOrUpdate(schoolId, read, (_, current) => current.Generation > generation ? current : read);
        return campaigns;
    }

    /// <summary>Forgets a school's campaigns (after one of them was added, changed or removed on this instance).</summary>
    public void Forget(Guid schoolId)
    {
        generations.AddOrUpdate(schoolId, 1, (_, g) => g + 1);
        entries.TryRemove(schoolId, out _);
    }
}
