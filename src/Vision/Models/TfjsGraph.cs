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
