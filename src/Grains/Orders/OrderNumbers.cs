namespace Photocollect.Grains.Orders;

/// <summary>
/// Order numbers as in seed 002: the school code (6 digits), <c>-</c>, then China Standard Time to the millisecond
/// (<c>000015-20240220113824101</c>). Two orders of one school in the same millisecond get consecutive milliseconds:
/// the generator never issues a time at or before the last one it issued for that school. Across processes the
/// database's unique index is the last word; <see cref="Next"/> after a clash moves on.
/// </summary>
public sealed class OrderNumbers(TimeProvider clock)
{
    /// <summary>China Standard Time: UTC+8, no daylight saving.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly Dictionary<string, DateTimeOffset> last = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The next number for a school.</summary>
    public string Next(string schoolCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(schoolCode);
        if (schoolCode.Length != 6 || !schoolCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"A school code is 6 digits: '{schoolCode}'.", nameof(schoolCode));
        }

        DateTimeOffset at;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            at = last.TryGetValue(schoolCode, out var previous) && now <= previous ? previous.AddMilliseconds(1) : now;
            last[schoolCode] = at;
        }

        return $"{schoolCode}-{at.ToOffset(ChinaOffset):yyyyMMddHHmmssfff}";
    }

    /// <summary>True when <paramref name="number"/> has the shape of an order number.</summary>
    public static bool IsWellFormed(string? number) =>
        number is { Length: 24 } && number[6] == '-' && number.Remove(6, 1).All(char.IsAsciiDigit);
}
