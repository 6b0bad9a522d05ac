using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Photocollect.Vision.Models;

namespace Photocollect.Vision.Tests.Models;

/// <summary>
/// The TF.js → ONNX converter on small graphs written here, run by ONNX Runtime and checked against the same
/// operations computed directly (layouts, padding, strides, fused bias and activation, float16 weights).
/// </summary>
public sealed class TfjsToOnnxShould : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tfjs-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ComputeConvolutionsAsTensorFlowDoes()
    {
        // x: 1×5×6×2 (NHWC); conv 3×3×2→3, SAME, stride 1, bias + Relu; depthwise 3×3×3×1, SAME, stride 2; mean over H, W.
        var random = new Random(5);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var x = Values(5 * 6 * 2);
        var filter = Values(3 * 3 * 2 * 3);
        var bias = Values(3);
        var depthwise = Values(3 * 3 * 3);
        var path = Write(
            [
                Node("x", "Placeholder", [], new { shape = new { shape = new { dim = new[] { new { size = "-1" }, new { size = "5" }, new { size = "6" }, new { size = "2" } } } } }),
                Node("conv", "_FusedConv2D", ["x", "w", "b"], Conv("SAME", 1, "BiasAdd", "Relu")),
                Node("dw", "DepthwiseConv2dNative", ["conv", "d"], Conv("SAME", 2)),
                Node("mean", "Mean", ["dw", "axes"], new { keep_dims = new { b = false } }),
            ],
            [("w", [3, 3, 2, 3], filter, null), ("b", [3], bias, "float16"), ("d", [3, 3, 3, 1], depthwise, null), ("axes", [2], [1, 2], "int32")]);

        var actual = Run(path, "mean", x, [1, 5, 6, 2]);

        // The same by hand: TensorFlow's SAME pads (k − 1) / 2 before (more after for even totals), filters are HWIO and HWCM.
        var half = bias.Select(b => (float)(Half)b).ToArray();  // the bias went through float16
        var conv = Convolve(x, 5, 6, 2, filter, 3, stride: 1, depthwise: false).Select((v, i) => Math.Max(0, v + half[i % 3])).ToArray();
        var (h2, w2) = (3, 3);
        var dw = Convolve(conv, 5, 6, 3, depthwise, 3, stride: 2, depthwise: true);
        var expected = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, h2 * w2).Average(p => dw[(p * 3) + c])).ToArray();
        Assert.Equal(3, actual.Length);
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c], actual[c], 4);
        }
    }

    [Fact]
    public void RefuseAnOperationItDoesNotKnowByName()
    {
        var path = Write(
            [
                Node("x", "Placeholder", [], new { shape = new { shape = new { dim = new[] { new { size = "1" }, new { size = "2" } } } } }),
                Node("y", "Erf", ["x"], new { }),
            ],
            []);

        var refused = Assert.Throws<NotSupportedException>(() => TfjsToOnnx.Convert(TfjsGraph.Load(path), ["y"]));
        Assert.Contains("Erf", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefuseWeightFilesThatDoNotMatchTheManifest()
    {
        var path = Write([Node("x", "Placeholder", [], new { })], [("w", [4], [1, 2, 3, 4], null)]);
        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), new byte[10]);

        Assert.Throws<InvalidDataException>(() => TfjsGraph.Load(path));
    }

    private static float[] Run(string path, string output, float[] input, int[] shape)
    {
        var onnx = TfjsToOnnx.Convert(TfjsGraph.Load(path), [output]);
        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), new DenseTensor<float>(input, shape))]);
        return [.. results[0].AsEnumerable<float>()];
    }

    // NHWC convolution with TensorFlow's SAME padding; depthwise: one filter per channel (multiplier 1).
    private static float[] Convolve(float[] x, int height, int width, int channels, float[] filter, int outChannels, int stride, bool depthwise)
    {
        var (oh, ow) = ((height + stride - 1) / stride, (width + stride - 1) / stride);
        var padTop = Math.Max(((oh - 1) * stride) + 3 - height, 0) / 2;
        var padLeft = Math.Max(((ow - 1) * stride) + 3 - width, 0) / 2;
        var y = new float[oh * ow * outChannels];
        for (var i = 0; i < oh; i++)
        {
            for (var j = 0; j < ow; j++)
            {
                for (var o = 0; o < outChannels; o++)
                {
                    double sum = 0;
                    for (var u = 0; u < 3; u++)
                    {
                        for (var v = 0; v < 3; v++)
                        {
                            var (r, c) = ((i * stride) + u - padTop, (j * stride) + v - padLeft);
                            if (r < 0 || r >= height || c < 0 || c >= width)
                            {
                                continue;
                            }

                            if (depthwise)
                            {
                                sum += x[(((r * width) + c) * channels) + o] * filter[(((u * 3) + v) * channels) + o];
                            }
                            else
                            {
                                for (var k = 0; k < channels; k++)
                                {
                                    sum += x[(((r * width) + c) * channels) + k] * filter[(((((u * 3) + v) * channels) + k) * outChannels) + o];
                                }
                            }
                        }
                    }

                    y[(((i * ow) + j) * outChannels) + o] = (float)sum;
                }
            }
        }

        return y;
    }

    private static Dictionary<string, object> Conv(string padding, int stride, params string[] fused) => new()
    {
        ["padding"] = new { s = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(padding)) },
        ["strides"] = new { list = new { i = new[] { "1", $"{stride}", $"{stride}", "1" } } },
        ["data_format"] = new { s = Convert.ToBase64String("NHWC"u8.ToArray()) },
        ["fused_ops"] = new { list = new { s = fused.Select(f => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(f))).ToArray() } },
    };

    private static object Node(string name, string op, string[] inputs, object attr) => new { name, op, input = inputs, attr };

    // A model.json with its weights.bin: float32, float16 or int32 weights in manifest order.
    private string Write(object[] nodes, (string Name, int[] Shape, float[] Values, string? As)[] weights)
    {
        using var bin = new MemoryStream();
        foreach (var (_, _, values, kind) in weights)
        {
            foreach (var v in values)
            {
                bin.Write(kind switch
                {
                    "float16" => BitConverter.GetBytes((Half)v),
                    "int32" => BitConverter.GetBytes((int)v),
                    _ => BitConverter.GetBytes(v),
                });
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "weights.bin"), bin.ToArray());
        var manifest = weights.Select(w => w.As switch
        {
            "float16" => (object)new { name = w.Name, shape = w.Shape, dtype = "float32", quantization = new { dtype = "float16" } },
            "int32" => new { name = w.Name, shape = w.Shape, dtype = "int32" },
            _ => new { name = w.Name, shape = w.Shape, dtype = "float32" },
        }).ToArray();
        var constants = weights.Select(w => Node(w.Name, "Const", [], new { }));
        var json = new { format = "graph-model", modelTopology = new { node = constants.Concat(nodes).ToArray() }, weightsManifest = new[] { new { paths = new[] { "weights.bin" }, weights = manifest } } };
        var path = Path.Combine(folder, "model.json");
        File.WriteAllText(path, JsonSerializer.Serialize(json));
        return path;
    }
}
