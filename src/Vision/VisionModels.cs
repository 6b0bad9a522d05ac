
namespace Photocollect.Vision;

/// <summary>
/// Where the engine finds its model files: Debian's packages opencv-data and libdlib-data, and the face-recognition
/// model the build fetches from npm beside the assemblies (<c>models/</c>).
/// </summary>
public sealed record VisionModels
{
    /// <summary>OpenCV's Haar cascades.</summary>
    public string CascadeDirectory { get; init; } = "/usr/share/opencv4/haarcascades";

    /// <summary>dlib's 68-point face landmark model.</summary>
    public string LandmarkModel { get; init; } = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>OpenCV's BRISQUE model; empty to skip the image-quality measure.</summary>
    public string BrisqueModel { get; init; } = "/usr/share/opencv4/quality/brisque_model_live.yml";

    /// <summary>OpenCV's BRISQUE feature ranges.</summary>
    public string BrisqueRange { get; init; } = "/usr/share/opencv4/quality/brisque_range_live.yml";

    /// <summary>The face-recognition model (TensorFlow.js graph: the JSON file, its weights beside it).</summary>
    public string FaceRecognition { get; init; } = Path.Combine(AppContext.BaseDirectory, "models", "faceres.json");
}
