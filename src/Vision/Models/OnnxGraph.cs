using System.Runtime.InteropServices;

namespace Photocollect.Vision.Models;

/// <summary>
/// An ONNX model under construction: nodes, constant tensors, one float input and named outputs, serialised to the
/// ModelProto bytes ONNX Runtime loads (IR 8, opset 13). Only what the converter needs.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The operator set the nodes are written for.</summary>
    public const int Opset = 13;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private int counter;

    /// <summary>A name no other value has, from <paramref name="hint"/>.</summary>
    public string Fresh(string hint)
    {
        string name;
        do
        {
            name = $"{hint}__{counter++}";
        }
        while (!names.Add(name));
        return name;
    }

    /// <summary>Declares the float input <paramref name="name"/> of the given shape (-1: any size).</summary>
    public void Input(string name, IReadOnlyList<long> shape) => inputs.Add(ValueInfo(name, shape));

    /// <summary>Declares <paramref name="name"/> an output of unknown shape.</summary>
    public void Output(string name) => outputs.Add(ValueInfo(name, null));

    /// <summary>A float constant.</summary>
    public string Constant(string name, float[] values, IReadOnlyList<long> dims) =>
        AddInitializer(name, 1, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    /// <summary>An int64 constant.</summary>
    public string Constant(string name, long[] values, IReadOnlyList<long> dims) =>
        AddInitializer(name, 7, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    /// <summary>An int64 vector constant with a fresh name.</summary>
    public string Longs(params long[] values) => Constant(Fresh("const"), values, [values.Length]);

    /// <summary>A float scalar constant with a fresh name.</summary>
    public string Scalar(float value) => Constant(Fresh("const"), [value], []);

    /// <summary>
    /// Adds a node; returns its (single) output's name, <paramref name="output"/> or a fresh one. An empty input name
    /// is an optional input left out.
    /// </summary>
    public string Node(string op, IReadOnlyList<string> input, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= Fresh(op);
        names.Add(output);
        var node = new ProtoWriter();
        foreach (var i in input)
        {
            node.String(1, i);
        }

        node.String(2, output).String(3, output).String(4, op);
        foreach (var a in attributes)
        {
            node.Message(5, a.Write());
        }

        nodes.Add(node);
        return output;
    }

    /// <summary>The ModelProto's bytes.</summary>
    public byte[] ToModel(string graphName)
    {
        var graph = new ProtoWriter();
        foreach (var n in nodes)
        {
            graph.Message(1, n);
        }

        graph.String(2, graphName);
        foreach (var t in initializers)
        {
            graph.Message(5, t);
        }

        foreach (var i in inputs)
        {
            graph.Message(11, i);
        }

        foreach (var o in outputs)
        {
            graph.Message(12, o);
        }

        return new ProtoWriter()
            .Varint(1, 8)
            .String(2, "photocollect-tfjs")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, Opset))
            .ToArray();
    }

    private string AddInitializer(string name, int dataType, ReadOnlySpan<byte> raw, IReadOnlyList<long> dims)
    {
        names.Add(name);
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        tensor.Varint(2, dataType).String(8, name).Bytes(9, raw);
        initializers.Add(tensor);
        return name;
    }

    private ProtoWriter ValueInfo(string name, IReadOnlyList<long>? shape)
    {
        names.Add(name);
        var tensorType = new ProtoWriter().Varint(1, 1);
        if (shape is not null)
        {
            var dims = new ProtoWriter();
            foreach (var d in shape)
            {
                dims.Message(1, d >= 0 ? new ProtoWriter().Varint(1, d) : new ProtoWriter().String(2, "N"));
            }

            tensorType.Message(2, dims);
        }

        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
