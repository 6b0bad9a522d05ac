using System.Globalization;

namespace Photocollect.Web.Pages;

/// <summary>Formatting helpers for page models.</summary>
internal static class Formats
{
    /// <summary>China time, minutes: 2025-10-09 14:03.</summary>
    public static string ChinaTime(DateTimeOffset? value) =>
        value is { } v ? v.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";
}
