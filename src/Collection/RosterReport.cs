using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection;

/// <summary>What an import did, or why it did nothing.</summary>
/// <param name="Rows">Data lines read.</param>
/// <param name="Created">New students.</param>
/// <param name="Updated">Students whose details changed.</param>
/// <param name="Unchanged">Students already as in the file.</param>
/// <param name="Errors">Problems; when any, nothing was imported.</param>
public sealed record RosterReport(int Rows, int Created, int Updated, int Unchanged, IReadOnlyList<RosterError> Errors)
{
    /// <summary>Imported (no errors).</summary>
    public bool Imported => Errors.Count == 0;
}
