using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A record's admission photo (录取照片) from the registry, apart from the record (which most pages read), with its
/// face aligned for comparison. The photo never changes once stored, so the face is worked out at the first upload and
/// kept: later uploads compare against it without decoding the photo or finding its face again.
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
    /// Its face aligned for comparison (<see cref="Vision.AlignedFace"/> bytes); empty when it has no usable face; null
    /// until first needed. A change to the alignment clears the column in its migration.
    /// </summary>
    public byte[]? Face { get; set; }
}
