namespace Photocollect.Collection;

/// <summary>
/// What the machine found on an order's photo, as the reviewer's queue sorts it: only <see cref="AllPassed"/> may be
/// approved in a batch. A comparison counts as passed when it matched, or when there was nothing to compare with (the
/// campaign does not compare, or the student has no admission photo on file: a person could not compare either). An
/// admission photo on file with no score (no face found on it, or it came after the check) needs a person's eyes.
/// </summary>
public enum AutomaticVerdict
{
    /// <summary>Every check passed and the comparison matched or had nothing to compare with.</summary>
    AllPassed,

    /// <summary>A check failed (a photo taken before a threshold changed, or one let through on site).</summary>
    ChecksFailed,

    /// <summary>The admission-photo comparison did not match.</summary>
    ComparisonFailed,

    /// <summary>There is an admission photo, but no comparison score.</summary>
    ComparisonMissing,

    /// <summary>The order holds no photo.</summary>
    NoPhoto,
}
