using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// What one run of the retention purge removed at one school: a row per run and school, zeros included, so that the
/// school (and an inspector) can see the purge ran and what it took. Counts only: nothing personal.
/// </summary>
public sealed class RetentionRun : ITenantOwned
{
    /// <summary>Key.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>When the run began (UTC).</summary>
    public DateTimeOffset RanAt { get; set; }

    /// <summary>Uploads (source photos) deleted.</summary>
    public int SourcePhotos { get; set; }

    /// <summary>Standard photos deleted.</summary>
    public int StandardPhotos { get; set; }

    /// <summary>Admission photos deleted.</summary>
    public int AdmissionPhotos { get; set; }

    /// <summary>Records whose ID number (with name, gender and birth date) was blanked.</summary>
    public int IdNumbers { get; set; }

    /// <summary>Records whose phone number was blanked.</summary>
    public int Phones { get; set; }
}
