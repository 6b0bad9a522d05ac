using System.Collections.Concurrent;
using Photocollect.Data.Tenancy;

namespace Photocollect.Data;

/// <summary>
/// Each school's campaigns, kept in memory for <see cref="Fresh"/> (as <see cref="SchoolDirectory"/> keeps schools):
/// every collection page and API call asks for the school's campaign and it changes a few times a year. Whoever
/// changes a campaign on this instance forgets the school here: every <c>SaveChanges</c> that adds, changes or removes
/// a campaign does so through <see cref="CampaignWrites"/> (after the commit when inside a transaction), and the few
/// bulk updates call <see cref="Forget"/> themselves. So a change shows at once on this instance and within
/// <see cref="Fresh"/> on the others.
/// </summary>
public sealed class CampaignDirectory(TimeProvider clock)
{
    /// <summary>How long another instance may go on using a school's campaigns as they were before a change.</summary>
    public static readonly TimeSpan Fresh = SchoolDirectory.Fresh;

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    // Bumped by every Forget: a read that began before a change and ends after it is not kept.
    private readonly ConcurrentDictionary<Guid, long> generations = new();

    /// <summary>
    /// The school's campaigns as kept, or as <paramref name="load"/> reads them (then kept). The campaigns are shared:
    /// callers hand out <see cref="Campaign.Copy"/>, never the kept object.
    /// </summary>
    public async Task<IReadOnlyList<Campaign>> OfSchoolAsync(Guid schoolId, Func<CancellationToken, Task<List<Campaign>>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(schoolId, out var kept) && kept.Until > now)
        {
            return kept.Campaigns;
        }

        var generation = generations.GetValueOrDefault(schoolId);
        var campaigns = await load(cancellationToken);
        entries[schoolId] = new Entry(campaigns, now + Fresh);
        // Forget bumps the generation before it removes: if it ran at any point since the read began, either it removed
        // this entry or this check sees the new generation and does.
        if (generations.GetValueOrDefault(schoolId) != generation)
        {
            entries.TryRemove(schoolId, out _);
        }

        return campaigns;
    }

    /// <summary>Forgets a school's campaigns (after one of them was added, changed or removed on this instance).</summary>
    public void Forget(Guid schoolId)
    {
        generations.AddOrUpdate(schoolId, 1, (_, g) => g + 1);
        entries.TryRemove(schoolId, out _);
    }

    private sealed record Entry(IReadOnlyList<Campaign> Campaigns, DateTimeOffset Until);
}
