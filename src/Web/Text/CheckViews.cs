using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;

namespace Photocollect.Web.Text;

/// <summary>
/// Turns a photo's stored checks into <see cref="CheckView"/>s: failed checks first (in the engine's order, which puts
/// what matters most first), then skipped ones, then passed ones; labels from the shared resources
/// (<c>Check.Label.*</c>, <c>Check.Field.*</c>), fixes from the engine's messages in the current UI language.
/// </summary>
public static class CheckViews
{
    // Scalar thresholds: how the value is held against them (the rest are ranges or objects).
    private static readonly Dictionary<string, string> ScalarRule = new(StringComparer.Ordinal)
    {
        ["face_count"] = "=", ["lighting"] = "≤", ["sharpness"] = "≥", ["resolution"] = "≥", ["extra_content"] = "≤", ["clothing_contrast"] = "≥", ["head_covering"] = "≤", ["recaptured"] = "≤",
    };

    // Fields whose threshold has another name.
    private static readonly Dictionary<string, string> SharedThreshold = new(StringComparer.Ordinal)
    {
        ["overexposed"] = "max_clipped", ["underexposed"] = "max_clipped",
    };

    /// <summary>The views of a photo's checks, failed first.</summary>
    public static IReadOnlyList<CheckView> From(IEnumerable<StoredCheck> checks, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(text);
        return checks
            .Select((c, i) => (View: View(c, text), Order: i))
            .OrderBy(v => v.View.Failed ? 0 : v.View.Skipped ? 1 : 2)
            .ThenBy(v => v.Order)
            .Select(v => v.View)
            .ToList();
    }

    private static CheckView View(StoredCheck c, IStringLocalizer text)
    {
        var label = Text(text, $"Check.Label.{c.Name}", c.Name);
        return new CheckView(c.Name, label, c.Pass, c.Skipped, c.Pass ? "" : c.LocalMessage, c.Skipped ? [] : Measures(c, label, text));
    }

    private static List<CheckMeasure> Measures(StoredCheck c, string label, IStringLocalizer text)
    {
        using var value = JsonDocument.Parse(c.Value);
        using var threshold = JsonDocument.Parse(c.Threshold);
        var v = value.RootElement;
        var t = threshold.RootElement;
        if (v.ValueKind != JsonValueKind.Object)
        {
            var rule = ScalarRule.GetValueOrDefault(c.Name, "");
            return [new CheckMeasure(label, Format(v, text), t.ValueKind == JsonValueKind.Array ? Range(t) : Requirement(rule, t))];
        }

        var measures = new List<CheckMeasure>();
        foreach (var field in v.EnumerateObject())
        {
            var name = field.Name;
            var requirement =
                t.ValueKind != JsonValueKind.Object ? ""
                : t.TryGetProperty(name, out var own) ? own.ValueKind == JsonValueKind.Array ? Range(own) : Requirement("≤|", own)
                : t.TryGetProperty("min_" + name, out var min) ? Requirement("≥", min)
                : t.TryGetProperty("max_" + name, out var max) ? Requirement("≤", max)
                : SharedThreshold.TryGetValue(name, out var shared) && t.TryGetProperty(shared, out var s) ? Requirement("≤", s)
                : field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? text["Check.No"].Value
                : "";
            measures.Add(new CheckMeasure(Text(text, $"Check.Field.{c.Name}.{name}", name), Format(field.Value, text), requirement));
        }

        return measures;
    }

    private static string Requirement(string rule, JsonElement threshold) => rule switch
    {
        "" => Number(threshold),
        "=" => "= " + Number(threshold),
        "≤|" => "|x| ≤ " + Number(threshold),
        _ => rule + " " + Number(threshold),
    };

    private static string Range(JsonElement range) =>
        range.GetArrayLength() == 2 ? $"{Number(range[0])}–{Number(range[1])}" : range.GetRawText();

    private static string Format(JsonElement value, IStringLocalizer text) => value.ValueKind switch
    {
        JsonValueKind.Number => Number(value),
        JsonValueKind.True => text["Check.Yes"].Value,
        JsonValueKind.False => text["Check.No"].Value,
        JsonValueKind.Null or JsonValueKind.Undefined => "—",
        _ => value.ToString(),
    };

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0.###", CultureInfo.InvariantCulture) : value.ToString();

    private static string Text(IStringLocalizer text, string key, string fallback)
    {
        var found = text[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }
}
