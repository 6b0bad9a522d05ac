using Photocollect.Vision;

namespace Photocollect.Web.Text;

/// <summary>A photo with what its check measured drawn over it (Pages/Shared/_PhotoMarks.cshtml).</summary>
/// <param name="Source">The image URL (the upload).</param>
/// <param name="Marks">Where things lie on it, or null (checked before marks were kept: the photo alone).</param>
/// <param name="Failed">Names of the checks that failed (they choose what is drawn and in which colour).</param>
/// <param name="Alt">The image's alternative text.</param>
public sealed record MarkedPhoto(string Source, PhotoMarks? Marks, IReadOnlySet<string> Failed, string Alt)
{
    /// <summary>A check about where the head is (the guide lines are drawn when one fails).</summary>
    public bool PlacementFailed => Failed.Overlaps(["face_size", "face_position", "head_pose"]);

    /// <summary>A check about the background (its non-plain cells are drawn when one fails).</summary>
    public bool BackgroundFailed => Failed.Overlaps(["background", "extra_content"]);

    /// <summary>A check about the eyes or the pose (the eyes are marked in the alert colour).</summary>
    public bool EyesFailed => Failed.Overlaps(["eyes_visible", "head_pose"]);
}
