using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>One check of a stored photo, as read back for pages.</summary>
/// <param name="Name">Check name.</param>
/// <param name="Pass">Passed.</param>
/// <param name="Skipped">Not measurable (an earlier check failed).</param>
/// <param name="Value">The measured value as JSON text.</param>
/// <param name="Message">What to fix, in the student's language at check time.</param>
/// <param name="Threshold">What the value was held against, as JSON text.</param>
/// <param name="MessageKey">The engine's key of the message (to show it in the reader's language), or null for photos checked before it was kept.</param>
public sealed record StoredCheck(string Name, bool Pass, bool Skipped, string Value, string Message, string Threshold = "null", string? MessageKey = null)
{
    /// <summary>What to fix in the current UI language (the stored text when the key is unknown).</summary>
    public string LocalMessage => MessageKey is { } key && Messages.TryGet(key) is { } text ? text : Message;
}
