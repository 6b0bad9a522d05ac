using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A student's verified collection record in a campaign (添加采集信息); its admission photo is an <see cref="AdmissionPhoto"/>.</summary>
public sealed class StudentRecord : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The student's account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>The campaign.</summary>
    public Guid CampaignId { get; set; }

    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>男 or 女.</summary>
    public string Gender { get; set; } = "";

    /// <summary>Birth date.</summary>
    public DateOnly? BirthDate { get; set; }

    /// <summary>ID number (shown masked).</summary>
    public string IdNumber { get; set; } = "";

    /// <summary>Level.</summary>
    public string Level { get; set; } = "";

    /// <summary>College.</summary>
    public string College { get; set; } = "";

    /// <summary>Major.</summary>
    public string Major { get; set; } = "";

    /// <summary>Student number.</summary>
    public required string StudentNumber { get; set; }

    /// <summary>Admission date.</summary>
    public DateOnly? AdmissionDate { get; set; }

    /// <summary>Expected leaving date.</summary>
    public DateOnly? LeavingDate { get; set; }

    /// <summary>Phone for notifications.</summary>
    public string Phone { get; set; } = "";

    /// <summary>SHA-256 of the collection code text it came from (hex), or null (freshman).</summary>
    public string? CodeHash { get; set; }

    /// <summary>When the student consented, separately, to the processing of their face image (UTC), or null.</summary>
    public DateTimeOffset? FaceConsentAt { get; set; }

    /// <summary>When it was verified (UTC).</summary>
    public DateTimeOffset VerifiedAt { get; set; }
}
