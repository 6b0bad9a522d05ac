namespace Photocollect.Vision;

/// <summary>The automatic check of one photo.</summary>
/// <param name="Pass">Every check passed.</param>
/// <param name="Checks">Every check in a fixed order.</param>
/// <param name="Error">Why the bytes are not a usable image, or null.</param>
/// <param name="Analysis">The measurements, when the image decoded.</param>
public sealed record CheckReport(bool Pass, IReadOnlyList<CheckResult> Checks, ImageError? Error, PhotoAnalysis? Analysis)
{
    /// <summary>The failed checks that were measured (what the student is told).</summary>
    public IEnumerable<CheckResult> Failures => Checks.Where(c => !c.Pass && !c.Skipped);
}
