using System.Collections.Concurrent;
using Photocollect.Tenancy;

namespace Photocollect.Data.Tenancy;

/// <summary>
/// What nearly every request of a school reads and hardly ever changes, kept in memory for <see cref="Fresh"/>: the
/// school the request belongs to, and the school's settings sections (its profile, its payment and SMS settings).
/// A school's pages then no longer pay a database round trip per request for them. Unknown schools are not kept (an
/// unknown slug or host is asked for again); whoever changes a school or a section on this instance forgets it here,
/// so the change shows at once on this instance (a read that ran across the change is not kept) and within
/// <see cref="Fresh"/> on the others (plus the one read that fetches it: once an entry is older, one request reads it
/// again while the others go on with it, <see cref="KeptEntry{T}"/>).
/// </summary>
public sealed class SchoolDirectory(TimeProvider clock)
{
    /// <summary>How long another instance may go on showing a school or its settings as they were before a change.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, KeptEntry<object?>> entries = new(StringComparer.Ordinal);

    // Bumped by every Forget: a read begun before a change and ended after it is handed to its caller, never kept.
    private long generation;

    /// <summary>The school kept under <paramref name="key"/>, or the one <paramref name="find"/> returns (kept when found).</summary>
    public Task<School?> SchoolAsync(string key, Func<CancellationToken, Task<School?>> find, CancellationToken cancellationToken) =>
        GetAsync("school:" + key, find, keepNull: false, cancellationToken);

    /// <summary>A school's settings section as stored (JSON; null when never saved), kept or read by <paramref name="load"/>.</summary>
    public Task<string?> SectionAsync(Guid tenantId, string section, Func<CancellationToken, Task<string?>> load, CancellationToken cancellationToken) =>
        GetAsync(SectionKey(tenantId, section), load, keepNull: true, cancellationToken);

    /// <summary>Forgets every kept school (after a school was created or changed on this instance).</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        foreach (var key in entries.Keys.Where(k => k.StartsWith("school:", StringComparison.Ordinal)))
        {
            entries.TryRemove(key, out _);
        }
    }

    /// <summary>Forgets a settings section (after it was saved on this instance).</summary>
    public void ForgetSection(Guid tenantId, string section)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(SectionKey(tenantId, section), out _);
    }

    private async Task<T?> GetAsync<T>(string key, Func<CancellationToken, Task<T?>> find, bool keepNull, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(find);
        var now = clock.GetUtcNow();
        var began = Interlocked.Read(ref generation);
        entries.TryGetValue(key, out var kept);
        var claimed = false;
        if (kept is not null && kept.Serves(now, out claimed))
        {
            return (T?)kept.Value;
        }

        T? value;
        try
        {
            value = await find(cancellationToken);
        }
        catch
        {
            if (claimed)
            {
                kept!.Release();
            }

            throw;
        }

        if (Interlocked.Read(ref generation) != began)
        {
            // Something was forgotten while this read ran: what it read may be older than the change.
            return value;
        }

        if (value is null && !keepNull)
        {
            entries.TryRemove(key, out _);
        }
        else
        {
            entries[key] = new KeptEntry<object?>(value, now + Fresh);
        }

        return value;
    }

    private static string SectionKey(Guid tenantId, string section) => $"section:{tenantId:N}:{section}";
}
