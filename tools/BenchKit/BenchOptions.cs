using System.Globalization;

namespace Photocollect.BenchKit;

/// <summary>A bench's command line: <c>--name value</c> pairs, as the script passes them.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> values;

    private BenchOptions(Dictionary<string, string> values) => this.values = values;

    /// <summary>Reads the pairs.</summary>
    public static BenchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new(args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal) && x.i + 1 < args.Length)
            .ToDictionary(x => x.a[2..], x => args[x.i + 1]));
    }

    /// <summary>A value that must be given.</summary>
    public string Text(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    /// <summary>A value, or null.</summary>
    public string? Optional(string name) => values.GetValueOrDefault(name);

    /// <summary>A whole number; <paramref name="fallback"/> when not given, and required when there is none.</summary>
    public int Number(string name, int? fallback = null) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture)
        : fallback ?? throw new ArgumentException($"--{name} is required");
}
