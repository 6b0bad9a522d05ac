using System.Collections.Concurrent;
using Photocollect.Tenancy;

namespace Photocollect.Data.Tenancy;

/// <summary>
/// The schools every request is resolved against, kept in memory for <see cref="Fresh"/>: a school's pages no longer
/// pay a database round trip per request to learn which school they belong to. Only found schools are kept (an
/// unknown slug or host is asked for again), and whoever changes a school on this instance calls <see cref="Forget"/>,
/// so the change shows at once here and within <see cref="Fresh"/> on the other instances.
/// </summary>
public sealed class SchoolDirectory(TimeProvider clock)
{
    /// <summary>How long another instance may go on showing a school as it was before a change (its status, name,
    /// hosts, branding).</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The school kept under <paramref name="key"/>, or the one <paramref name="find"/> returns (kept when found).</summary>
    public async Task<School?> GetAsync(string key, Func<CancellationToken, Task<School?>> find, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(find);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var kept) && kept.Until > now)
        {
            return kept.School;
        }

        var school = await find(cancellationToken);
        if (school is null)
        {
            entries.TryRemove(key, out _);
        }
        else
        {
            entries[key] = new Entry(school, now + Fresh);
        }

        return school;
    }

    /// <summary>Forgets every kept school (after a school was created or changed on this instance).</summary>
    public void Forget() => entries.Clear();

    private sealed record Entry(School School, DateTimeOffset Until);
}
