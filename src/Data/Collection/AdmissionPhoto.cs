using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A record's admission photo (录取照片) from the registry, apart from the record (which most pages read), with its
/// face's embedding. The photo never changes once stored, so the embedding is worked out at the first upload and kept:
/// later uploads compare against it without decoding the photo, finding its face or running the model again.
/// </summary>
public sealed class AdmissionPhoto : ITenantOwned
{
    /// <summary>The student record (key).</summary>
    public Guid RecordId { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The image as the registry sent it.</summary>
    public required byte[] Image { get; set; }

    /// <summary>
    /// Its face's embedding (<see cref="Vision.FaceEmbedding"/> bytes); empty when it has no usable face; null until
    /// first needed. A change to the model or the alignment clears the column in its migration.
    /// </summary>
    public byte[]? FaceEmbedding { get; set; }
}
