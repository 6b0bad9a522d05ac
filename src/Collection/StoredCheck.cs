using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>One check of a stored photo, as read back for pages.</summary>
/// <param name="Name">Check name.</param>
/// <param name="Pass">Passed.</param>
/// <param name="Skipped">Not measurable (an earlier check failed).</param>
/// <param name="Value">The measured value as JSON text.</param>
/// <param name="Message">What to fix, in the student's language at check time.</param>
public sealed record StoredCheck(string Name, bool Pass, bool Skipped, string Value, string Message);
