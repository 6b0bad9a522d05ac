namespace Photocollect.Vision;

/// <summary>Options of face detection.</summary>
public sealed record FaceOptions
{
    /// <summary>Folder with OpenCV's Haar cascades (Debian package opencv-data).</summary>
    public string ModelDirectory { get; init; } = "/usr/share/opencv4/haarcascades";

    /// <summary>Detection runs on a copy at most this long on its long side (speed; faces in ID photos are large).</summary>
    public int MaxSide { get; init; } = 800;

    /// <summary>Smallest face searched for, as a fraction of the image's short side.</summary>
    public double MinFace { get; init; } = 0.05;
}
