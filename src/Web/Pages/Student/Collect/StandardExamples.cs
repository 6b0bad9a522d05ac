namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>The standards page's example photos, in the order shown: the good one first, then the faults students
/// make most (the picture files are 480×640 and at most 30 KB each; their origin is in their folder's README).</summary>
public static class StandardExamples
{
    /// <summary>Every example.</summary>
    public static readonly IReadOnlyList<StandardExample> All =
    [
        new("good", null),
        new("too-far", "Check.face_size.small"),
        new("head-tilted", "Check.head_pose.roll"),
        new("cluttered-background", "Check.background.cluttered"),
        new("too-dark", "Check.brightness.dark"),
        new("overexposed", "Check.brightness.bright"),
        new("tinted-glasses", "Check.eyes_visible"),
        new("teeth-showing", "Check.mouth_closed"),
        new("head-cut-off", "Check.face_position.cut"),
    ];
}
