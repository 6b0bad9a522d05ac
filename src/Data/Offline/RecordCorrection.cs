using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A correction staff made to a student's record before the shoot (seed 001 Q2: a wrong name or ID number): who, when,
/// which field, what it was and what it became, and why. Kept for good; the record holds only the corrected value.
/// </summary>
public sealed class RecordCorrection : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The field: <c>Name</c> or <c>IdNumber</c>.</summary>
    public required string Field { get; set; }

    /// <summary>The value before.</summary>
    public required string OldValue { get; set; }

    /// <summary>The value after.</summary>
    public required string NewValue { get; set; }

    /// <summary>Why (what the student showed, e.g. the ID card).</summary>
    public required string Reason { get; set; }

    /// <summary>The staff member's e-mail.</summary>
    public required string By { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
