using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A photo a student uploaded and its automatic check; its files are a <see cref="PhotoFile"/>.</summary>
public sealed class Photo : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The collection record.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The uploading account.</summary>
    public Guid AccountId { get; set; }

    /// <summary>Whether every automatic check passed.</summary>
    public bool Passed { get; set; }

    /// <summary>The check report (JSON: name, pass, value, threshold per check).</summary>
    public required string Checks { get; set; }

    /// <summary>Where the face, eyes, standard photo's area and non-plain background lie on the upload (JSON), or null.</summary>
    public string? Marks { get; set; }

    /// <summary>Admission-photo comparison score, or null when not compared.</summary>
    public double? ComparisonScore { get; set; }

    /// <summary>Comparison verdict, or null.</summary>
    public bool? SamePerson { get; set; }

    /// <summary>Uploaded (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
