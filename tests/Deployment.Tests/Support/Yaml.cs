using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Photocollect.Deployment.Tests.Support;

/// <summary>
/// YAML as plain objects: mappings are <c>Dictionary&lt;string, object?&gt;</c>, sequences <c>List&lt;object?&gt;</c>,
/// plain scalars resolved as YAML's core schema does (null, bool, integer, float, else string), quoted scalars strings.
/// </summary>
public static partial class Yaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>Every document of a stream; a duplicate key or bad indentation throws, as it would for Kubernetes.</summary>
    public static List<object?> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => ToObject(d.RootNode)).ToList();
    }

    /// <summary>A single-document file.</summary>
    public static object? Load(string text) => LoadAll(text) is [var single] ? single : throw new InvalidDataException("expected one YAML document");

    /// <summary>Block YAML without the trailing newline, as Helm's toYaml writes it.</summary>
    public static string Serialize(object? value) => Serializer.Serialize(value).TrimEnd('\n');

    /// <summary>A copy of <paramref name="values"/> with <paramref name="overrides"/> merged in, maps key by key.</summary>
    public static Dictionary<string, object?> Merge(IDictionary<string, object?> values, IDictionary<string, object?> overrides)
    {
        var merged = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            merged[key] = value is IDictionary<string, object?> inner && merged.GetValueOrDefault(key) is IDictionary<string, object?> existing
                ? Merge(existing, inner)
                : value;
        }

        return merged;
    }

    private static object? ToObject(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => ToObject(p.Value), StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(ToObject).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => scalar.Value ?? "",
        _ => throw new InvalidDataException($"unexpected YAML node {node.NodeType}"),
    };

    private static object? Plain(string? text) => text switch
    {
        null or "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ when Integer().IsMatch(text) => long.Parse(text, CultureInfo.InvariantCulture),
        _ when Float().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
        _ => text,
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}

/// <summary>Reading paths in loaded YAML.</summary>
public static class YamlPaths
{
    /// <summary>The value at a dotted path (<c>spec.template.spec</c>), or null when any step is missing.</summary>
    public static object? At(this object? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            node = node is IDictionary<string, object?> map && map.TryGetValue(step, out var next) ? next : null;
        }

        return node;
    }

    /// <summary>The mapping at a path; fails the test when it is something else.</summary>
    public static IDictionary<string, object?> Map(this object? node, string path) =>
        node.At(path) as IDictionary<string, object?> ?? throw new Xunit.Sdk.XunitException($"no mapping at {path}");

    /// <summary>The mappings of the sequence at a path (empty when absent).</summary>
    public static IReadOnlyList<IDictionary<string, object?>> Maps(this object? node, string path) =>
        (node.At(path) as IList<object?> ?? []).Cast<IDictionary<string, object?>>().ToList();

    /// <summary>A scalar at a path as text (numbers in invariant culture).</summary>
    public static string? Text(this object? node, string path) => node.At(path) is { } value ? GoTemplates.Print(value) : null;
}
