using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// The files of a <see cref="Photo"/>: the upload (up to 15 MB) and its standard photo. They live in their own table so
/// that reading a photo's checks and verdict never loads them; only the file endpoints read this.
/// </summary>
public sealed class PhotoFile : ITenantOwned
{
    /// <summary>The photo (key).</summary>
    public Guid PhotoId { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>
    /// The file as uploaded when it is kept in this row (no upload directory set, or written before there was one); null
    /// when it is a file of the upload store (<see cref="SourceInStore"/>) or once the retention purge deleted it (the
    /// standard photo may stay longer).
    /// </summary>
    public byte[]? Source { get; set; }

    /// <summary>Whether the upload is a file of the upload store (decision 016) rather than <see cref="Source"/>; false
    /// again once the purge deleted it.</summary>
    public bool SourceInStore { get; set; }

    /// <summary>The 480×640 standard photo, or null when none could be made or the purge deleted it. A row with no upload
    /// and no standard photo is deleted.</summary>
    public byte[]? Standard { get; set; }
}
