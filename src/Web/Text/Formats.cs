using System.Globalization;

namespace Photocollect.Web.Text;

/// <summary>Formatting helpers for page models.</summary>
internal static class Formats
{
    /// <summary>China time, minutes: 2025-10-09 14:03.</summary>
    public static string ChinaTime(DateTimeOffset? value) =>
        value is { } v ? v.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>The time of day in China (HH:mm).</summary>
    public static string ChinaClock(DateTimeOffset value) =>
        value.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>An amount in fen as yuan: ¥12.50.</summary>
    public static string Yuan(long fen) => "¥" + (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Reads an amount typed in yuan (12, 12.5, 12.50, ¥12.50) as fen; false for anything else.</summary>
    public static bool TryParseFen(string? text, out long fen)
    {
        fen = 0;
        var t = text?.Trim().TrimStart('¥', '￥').Trim() ?? "";
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? t : t[..dot];
        var cents = dot < 0 ? "" : t[(dot + 1)..];
        if (whole.Length is 0 or > 7 || cents.Length > 2 || (dot >= 0 && cents.Length == 0) || !whole.All(char.IsAsciiDigit) || !cents.All(char.IsAsciiDigit))
        {
            return false;
        }

        fen = (long.Parse(whole, CultureInfo.InvariantCulture) * 100) + (cents.Length == 0 ? 0 : long.Parse(cents.PadRight(2, '0'), CultureInfo.InvariantCulture));
        return true;
    }
}
