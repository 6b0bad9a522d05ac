namespace Photocollect.Data;

/// <summary>
/// A value kept in memory (by <see cref="Tenancy.SchoolDirectory"/> and <see cref="CampaignDirectory"/>) until
/// <see cref="Until"/>. Once it is older, one caller at a time reads it again while the others go on with it for up to
/// <see cref="Grace"/> more: the requests that arrive together when it runs out (dozens a millisecond in a crowd) do
/// not all read the same row at once.
/// </summary>
/// <param name="value">What is kept.</param>
/// <param name="until">Until when it is used without asking.</param>
internal sealed class KeptEntry<T>(T value, DateTimeOffset until)
{
    /// <summary>How long after <see cref="Until"/> the others go on with the value while one caller reads it again;
    /// after that every caller reads (the one reading may have hung).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    // 1 while a caller reads the value again.
    private int reading;

    /// <summary>What is kept.</summary>
    public T Value { get; } = value;

    /// <summary>Until when it is used without asking.</summary>
    public DateTimeOffset Until { get; } = until;

    /// <summary>
    /// Whether the caller may use <see cref="Value"/> at <paramref name="now"/>: it is fresh, or another caller is
    /// reading it again. False means the caller reads; <paramref name="claimed"/> says whether it took the reading
    /// (then it keeps a new entry, or calls <see cref="Release"/> if the read fails) or every caller reads (past the
    /// grace).
    /// </summary>
    public bool Serves(DateTimeOffset now, out bool claimed)
    {
        claimed = false;
        if (now < Until)
        {
            return true;
        }

        if (now >= Until + Grace)
        {
            return false;
        }

        claimed = Interlocked.Exchange(ref reading, 1) == 0;
        return !claimed;
    }

    /// <summary>Gives the reading back (the read failed): the next caller past <see cref="Until"/> reads.</summary>
    public void Release() => Volatile.Write(ref reading, 0);
}
