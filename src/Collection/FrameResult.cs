using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>The guide's verdict on a live preview frame, or why there is none.</summary>
/// <param name="Verdict">Where the face stands against the guide, or null with a <paramref name="Problem"/>.</param>
/// <param name="Problem">
/// <c>no_record</c>, <c>no_consent</c> (no face image is processed before the student's separate consent),
/// <c>too_large</c>, <c>not_an_image</c> or <c>busy</c> (no worker idle: try the next frame); null when judged.
/// </param>
/// <param name="Spent">The vision worker's time on the frame (decode and detection).</param>
public sealed record FrameResult(FrameVerdict? Verdict, string? Problem, TimeSpan Spent);
