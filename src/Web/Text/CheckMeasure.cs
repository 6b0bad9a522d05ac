namespace Photocollect.Web.Text;

/// <summary>One measured quantity of a check, as people read it.</summary>
/// <param name="Label">What was measured (人脸宽度占比).</param>
/// <param name="Value">The value (0.41).</param>
/// <param name="Requirement">What it must be (0.35–0.60, ≤ 8, ≥ 40), or empty.</param>
public sealed record CheckMeasure(string Label, string Value, string Requirement);
