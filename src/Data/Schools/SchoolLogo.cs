using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>A school's uploaded logo, served at <c>/logo</c> on the school's pages.</summary>
public sealed class SchoolLogo : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c>.</summary>
    public required string ContentType { get; set; }

    /// <summary>The file as uploaded.</summary>
    public required byte[] Bytes { get; set; }

    /// <summary>When it was uploaded (UTC); also the version in the logo's URL.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
