using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>
/// A school's vision thresholds (<see cref="Campaign.VisionThresholds"/>): only the values the school changed, as a
/// flat JSON object keyed by <see cref="CheckThresholds"/> property (<c>MaxRoll</c>; ranges as <c>FaceSize.Min</c> and
/// <c>FaceSize.Max</c>). Every other value keeps the engine's calibrated default, so a new default reaches every school
/// that did not override it.
/// </summary>
public static class SchoolThresholds
{
    private static readonly CheckThresholds Defaults = new();

    /// <summary>Every adjustable value, in the engine's order, with its default.</summary>
    public static IReadOnlyList<(string Key, double Default)> Fields { get; } = typeof(CheckThresholds)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .SelectMany(p => p.GetValue(Defaults) switch
        {
            double d => [(p.Name, d)],
            ValueTuple<double, double> range => new[] { (p.Name + ".Min", range.Item1), (p.Name + ".Max", range.Item2) },
            _ => [],
        })
        .ToList();

    /// <summary>The overrides stored in <paramref name="json"/> (unknown keys and bad values are dropped).</summary>
    public static IReadOnlyDictionary<string, double> Overrides(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, double>();
        }

        try
        {
            return (JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [])
                .Where(kv => Fields.Any(f => f.Key == kv.Key) && double.IsFinite(kv.Value))
                .ToDictionary();
        }
        catch (JsonException)
        {
            return new Dictionary<string, double>();
        }
    }

    /// <summary>The thresholds to check with: the defaults with the school's overrides.</summary>
    public static CheckThresholds Read(string? json)
    {
        var overrides = Overrides(json);
        if (overrides.Count == 0)
        {
            return Defaults;
        }

        // A copy of the defaults, changed through the init setters (the record's only way to set a value by name).
        var thresholds = Defaults with { };
        foreach (var property in typeof(CheckThresholds).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            switch (property.GetValue(thresholds))
            {
                case double when overrides.TryGetValue(property.Name, out var value):
                    property.SetValue(thresholds, value);
                    break;
                case ValueTuple<double, double> range:
                    var min = overrides.GetValueOrDefault(property.Name + ".Min", range.Item1);
                    var max = overrides.GetValueOrDefault(property.Name + ".Max", range.Item2);
                    property.SetValue(thresholds, (min, max));
                    break;
            }
        }

        return thresholds;
    }

    /// <summary>
    /// Parses the form's values (invariant or Chinese decimal point; empty means the default). Returns the JSON to
    /// store (null when nothing differs from the defaults) or the keys that are not numbers, are negative, or make a
    /// range's minimum exceed its maximum.
    /// </summary>
    public static (string? Json, IReadOnlyList<string> Invalid) Parse(IReadOnlyDictionary<string, string?> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var overrides = new Dictionary<string, double>();
        var invalid = new List<string>();
        foreach (var (key, fallback) in Fields)
        {
            var text = form.GetValueOrDefault(key)?.Trim().Replace('。', '.');
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
            {
                invalid.Add(key);
            }
            else if (value != fallback)
            {
                overrides[key] = value;
            }
        }

        // Each range's minimum (as stored, or its default) must not exceed its maximum.
        var defaults = Fields.ToDictionary(f => f.Key, f => f.Default);
        foreach (var key in defaults.Keys.Where(k => k.EndsWith(".Min", StringComparison.Ordinal) && !invalid.Contains(k)))
        {
            var max = key[..^4] + ".Max";
            if (overrides.GetValueOrDefault(key, defaults[key]) > overrides.GetValueOrDefault(max, defaults[max]))
            {
                invalid.Add(key);
            }
        }

        return (invalid.Count == 0 && overrides.Count > 0 ? JsonSerializer.Serialize(overrides) : null, invalid);
    }
}
