using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// One export or download of students' data (a delivery ZIP, a manifest, a list, one photo, an API call): who, when,
/// from where, what and how many records. Written before the data leaves.
/// </summary>
public sealed class DataExport : ITenantOwned
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The staff account, or null for an API key.</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The API key, or null for a staff member.</summary>
    public Guid? ApiKeyId { get; set; }

    /// <summary>What: <c>delivery-zip</c>, <c>students-csv</c>, <c>photo</c>, <c>api:…</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Of what: a batch, a campaign, a student number.</summary>
    public required string Subject { get; set; }

    /// <summary>Records in it.</summary>
    public int Records { get; set; }

    /// <summary>The client's address.</summary>
    public string Address { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
