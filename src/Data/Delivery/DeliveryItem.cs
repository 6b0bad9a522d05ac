using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>One photo of a <see cref="DeliveryBatch"/>: the order, its photo and the file name it got in the ZIP.</summary>
public sealed class DeliveryItem : ITenantOwned
{
    /// <summary>The batch (key, with the order).</summary>
    public Guid BatchId { get; set; }

    /// <summary>The order (key, with the batch).</summary>
    public Guid OrderId { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The student's record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The approved photo.</summary>
    public Guid PhotoId { get; set; }

    /// <summary>The file's name in the ZIP, unique in the batch.</summary>
    public required string FileName { get; set; }

    /// <summary>What the naming pattern gave before a collision changed it, or null when it was used as it is.</summary>
    public string? WantedName { get; set; }
}
