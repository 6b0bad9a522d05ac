namespace Photocollect.Web.Text;

/// <summary>A stored check as a page shows it: its name, its verdict, what to fix and its measures in the reader's language.</summary>
/// <param name="Name">The engine's name (face_size).</param>
/// <param name="Label">The check's name for people (人脸大小).</param>
/// <param name="Pass">Passed.</param>
/// <param name="Skipped">Not measured because an earlier check failed.</param>
/// <param name="Fix">What is wrong and how to fix it; empty when it passed.</param>
/// <param name="Measures">What was measured against what.</param>
public sealed record CheckView(string Name, string Label, bool Pass, bool Skipped, string Fix, IReadOnlyList<CheckMeasure> Measures)
{
    /// <summary>Failed on its own measure (not merely skipped).</summary>
    public bool Failed => !Pass && !Skipped;
}
