using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A delivery (交付批次) of finished photos to the school: the approved, produced photos of a campaign, maybe of one
/// level or college, frozen when it is made (<see cref="DeliveryItem"/>), downloaded as one ZIP.
/// </summary>
public sealed class DeliveryBatch : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The campaign.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>Number in the school (1, 2, …), shown and used in the file name.</summary>
    public int Number { get; set; }

    /// <summary>Only this level, or null for all.</summary>
    public string? Level { get; set; }

    /// <summary>Only this college, or null for all.</summary>
    public string? College { get; set; }

    /// <summary>How the photo files are named.</summary>
    public DeliveryNaming Naming { get; set; }

    /// <summary>Photos in it.</summary>
    public int PhotoCount { get; set; }

    /// <summary>Who made it (account id).</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>First download (UTC): from then on its photos count as delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}
