
namespace Photocollect.Vision;

/// <summary>Options of one analysis: models, face detection and the standard layout the crop is planned for.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Model files.</summary>
    public VisionModels Models { get; init; } = new();

    /// <summary>
    /// Face detection. A phone photo's face is at least a tenth of its width, so a 480 px detection copy finds it
    /// (landmarks are then placed on the photo itself) at a third of the cost of 800 px.
    /// </summary>
    public FaceOptions Faces { get; init; } = new() { MaxSide = 480, MinFace = 0.08 };

    /// <summary>The standard photo.</summary>
    public StandardLayout Layout { get; init; } = new();

    /// <summary>Image limits.</summary>
    public ImageLimits Limits { get; init; } = new();

    /// <summary>Phone photos are decoded at a reduced size (JPEG DCT scaling) while the short side stays this long.</summary>
    public int WorkingShortSide { get; init; } = 700;
}
