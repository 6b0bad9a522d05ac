using System.Text.Json;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>The check report kept with a photo (<c>Photos.Checks</c>, JSON): written once, read by the student's
/// result page and the reviewer's page.</summary>
public static class StoredChecks
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON to store for a report.</summary>
    public static string Write(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report.Checks.Select(c => new { c.Name, c.Pass, c.Value, c.Threshold, c.Message, c.Skipped, Key = c.MessageKey }), Json);
    }

    /// <summary>The stored checks.</summary>
    public static IReadOnlyList<StoredCheck> Read(string json)
    {
        using var checks = JsonDocument.Parse(json);
        return checks.RootElement.EnumerateArray().Select(c => new StoredCheck(
            c.GetProperty("name").GetString()!,
            c.GetProperty("pass").GetBoolean(),
            c.GetProperty("skipped").GetBoolean(),
            c.GetProperty("value").GetRawText(),
            c.GetProperty("message").GetString()!,
            c.TryGetProperty("threshold", out var threshold) ? threshold.GetRawText() : "null",
            c.TryGetProperty("key", out var key) ? key.GetString() : null)).ToList();
    }
}
