using Photocollect.Data;
using Photocollect.Vision;

namespace Photocollect.Collection.Offline;

/// <summary>The photographer's upload for a called number.</summary>
/// <param name="Photo">The stored photo (passed or not), or null when nothing was checked.</param>
/// <param name="Report">The automatic check, to show at once (retake on a failure).</param>
/// <param name="Order">The order after a passed photo went to review, or null.</param>
/// <param name="Problem">Why nothing was checked or submitted: <c>not_called</c>, <c>not_an_image</c>, <c>busy</c>, …</param>
public sealed record ShotResult(Photo? Photo, CheckReport? Report, Order? Order, string? Problem);
