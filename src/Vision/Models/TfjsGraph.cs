using System.Text;
using System.Text.Json;

namespace Photocollect.Vision.Models;

/// <summary>
/// A TensorFlow.js graph model as its files hold it: <c>NAME.json</c> (the TensorFlow graph's nodes and the weights
/// manifest) and the binary weight files beside it. Quantised weights (float16, uint8, uint16) are widened to float32.
/// </summary>
internal sealed class TfjsGraph
{
    private TfjsGraph(IReadOnlyList<TfjsNode> nodes, IReadOnlyDictionary<string, TfjsTensor> weights)
    {
        Nodes = nodes;
        Weights = weights;
    }

    /// <summary>The graph's nodes in file order.</summary>
    public IReadOnlyList<TfjsNode> Nodes { get; }

    /// <summary>The constant tensors by node name.</summary>
    public IReadOnlyDictionary<string, TfjsTensor> Weights { get; }

    /// <summary>Reads <paramref name="jsonPath"/> and its weight files; throws <see cref="InvalidDataException"/> on a damaged model.</summary>
    public static TfjsGraph Load(string jsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var root = document.RootElement;
        if (root.GetProperty("format").GetString() != "graph-model")
        {
            throw new InvalidDataException($"{jsonPath} is not a TensorFlow.js graph model.");
        }

        var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray().Select(ReadNode).ToList();
        var weights = new Dictionary<string, TfjsTensor>(StringComparer.Ordinal);
        var folder = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        foreach (var group in root.GetProperty("weightsManifest").EnumerateArray())
        {
            var bytes = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p.GetString()!))).ToArray();
            var offset = 0;
            foreach (var w in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = ReadWeight(w, bytes, ref offset);
                weights[w.GetProperty("name").GetString()!] = tensor;
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"{jsonPath}: the weights manifest describes {offset} bytes, the files hold {bytes.Length}.");
            }
        }

        return new TfjsGraph(nodes, weights);
    }

    private static TfjsNode ReadNode(JsonElement n)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (n.TryGetProperty("attr", out var attr))
        {
            foreach (var a in attr.EnumerateObject())
            {
                attributes[a.Name] = a.Value.Clone();
            }
        }

        var inputs = n.TryGetProperty("input", out var i) ? i.EnumerateArray().Select(x => x.GetString()!).Where(x => !x.StartsWith('^')).ToList() : [];
        return new TfjsNode(n.GetProperty("name").GetString()!, n.GetProperty("op").GetString()!, inputs, attributes);
    }

    private static TfjsTensor ReadWeight(JsonElement w, byte[] bytes, ref int offset)
    {
        var shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var count = checked((int)shape.Aggregate(1L, (a, b) => a * b));
        var dtype = w.GetProperty("dtype").GetString();
        var quantization = w.TryGetProperty("quantization", out var q) ? q : (JsonElement?)null;
        var stored = quantization?.GetProperty("dtype").GetString() ?? dtype;
        var size = stored switch
        {
            "float32" or "int32" => 4,
            "float16" or "uint16" => 2,
            "uint8" or "bool" => 1,
            _ => throw new InvalidDataException($"Weight dtype {stored} is not supported."),
        };
        if (offset + (count * size) > bytes.Length)
        {
            throw new InvalidDataException("The weight files are shorter than the manifest says.");
        }

        var span = bytes.AsSpan(offset, count * size);
        offset += count * size;
        if (dtype == "int32" && quantization is null)
        {
            var ints = new long[count];
            for (var k = 0; k < count; k++)
            {
                ints[k] = BitConverter.ToInt32(span.Slice(k * 4, 4));
            }

            return new TfjsTensor(shape, null, ints);
        }

        var floats = new float[count];
        for (var k = 0; k < count; k++)
        {
            floats[k] = stored switch
            {
                "float32" => BitConverter.ToSingle(span.Slice(k * 4, 4)),
                "float16" => (float)BitConverter.ToHalf(span.Slice(k * 2, 2)),
                "uint8" => (float)((span[k] * quantization!.Value.GetProperty("scale").GetDouble()) + quantization.Value.GetProperty("min").GetDouble()),
                "uint16" => (float)((BitConverter.ToUInt16(span.Slice(k * 2, 2)) * quantization!.Value.GetProperty("scale").GetDouble()) + quantization.Value.GetProperty("min").GetDouble()),
                _ => throw new InvalidDataException($"Weight dtype {stored} is not supported for {dtype}."),
            };
        }

        return dtype == "int32" ? new TfjsTensor(shape, null, floats.Select(f => (long)Math.Round(f)).ToArray()) : new TfjsTensor(shape, floats, null);
    }
}

/// <summary>One node of a TensorFlow.js graph.</summary>
/// <param name="Name">Its name (its output's, <c>NAME</c> or <c>NAME:K</c> for the K-th).</param>
/// <param name="Op">The TensorFlow operation.</param>
/// <param name="Inputs">Its data inputs (control inputs left out).</param>
/// <param name="Attributes">Its attributes as the JSON holds them.</param>
internal sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, IReadOnlyDictionary<string, JsonElement> Attributes)
{
    /// <summary>A string attribute (base64 in the file).</summary>
    public string? Text(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("s", out var s)
        ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString()!))
        : null;

    /// <summary>A list-of-strings attribute.</summary>
    public IReadOnlyList<string> Texts(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("s", out var s)
        ? s.EnumerateArray().Select(x => Encoding.UTF8.GetString(Convert.FromBase64String(x.GetString()!))).ToList()
        : [];

    /// <summary>A list-of-integers attribute.</summary>
    public long[] Ints(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("i", out var i)
        ? i.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? long.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : x.GetInt64()).ToArray()
        : [];

    /// <summary>A boolean attribute.</summary>
    public bool Flag(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("b", out var b) && b.GetBoolean();

    /// <summary>A float attribute.</summary>
    public float? Float(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("f", out var f) ? f.GetSingle() : null;
}

/// <summary>A constant tensor: float values or integer values, with its shape.</summary>
/// <param name="Shape">Its dimensions.</param>
/// <param name="Floats">Its values when it is a float tensor.</param>
/// <param name="Longs">Its values when it is an integer tensor.</param>
internal sealed record TfjsTensor(long[] Shape, float[]? Floats, long[]? Longs);
