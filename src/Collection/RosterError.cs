using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection;

/// <summary>One line's problem.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Message">Key of the message (<c>Roster.Error.*</c>) and its argument.</param>
/// <param name="Value">The offending value, or null.</param>
public sealed record RosterError(int Line, string Message, string? Value);
