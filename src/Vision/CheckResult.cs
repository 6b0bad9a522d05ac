namespace Photocollect.Vision;

/// <summary>One named check's result.</summary>
/// <param name="Name">Stable name, e.g. <c>face_count</c>.</param>
/// <param name="Pass">Whether it passed (false when skipped).</param>
/// <param name="Value">What was measured (a number or a small object), or null when skipped.</param>
/// <param name="Threshold">What it was compared with.</param>
/// <param name="Message">For the student: what is wrong and how to fix it; empty when it passed.</param>
/// <param name="Skipped">Not measurable because an earlier check failed (no single face, no background).</param>
public sealed record CheckResult(string Name, bool Pass, object? Value, object Threshold, string Message, bool Skipped = false)
{
    /// <summary>The key of <see cref="Message"/> in the engine's messages (<see cref="Messages.Get"/>), so it can be shown
    /// again in another language; null when it passed.</summary>
    public string? MessageKey { get; init; }
}
