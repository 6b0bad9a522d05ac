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

    /// <summary>The file as uploaded, or null once the retention purge deleted it (the standard photo may stay longer).</summary>
    public byte[]? Source { get; set; }

    /// <summary>The 480×640 standard photo, or null when none could be made or the purge deleted it. A row with neither is
    /// deleted.</summary>
    public byte[]? Standard { get; set; }
}
