using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A school's key to its read-only API (<c>/api/v1/school/…</c>): created by a school admin, shown once, stored as a
/// SHA-256 hash, revocable.
/// </summary>
public sealed class SchoolApiKey : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>What it is for, e.g. 学籍系统.</summary>
    public required string Name { get; set; }

    /// <summary>The key's first characters, shown to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>Who created it (account id).</summary>
    public Guid CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last call (UTC), or null.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Revoked (UTC), or null while it works.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
