using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// An on-site collection session (场次) of an offline campaign: a place and a day, split into time slots students may
/// book. Its queue (numbers, calls) is the session's grain; the row is what admins set.
/// </summary>
public sealed class CollectionSession : ITenantOwned
{
    /// <summary>Key; also the queue grain's id.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The campaign whose paid students it photographs.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>Where, as students are told (e.g. 图书馆一楼大厅).</summary>
    public required string Place { get; set; }

    /// <summary>The day, in China time.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
