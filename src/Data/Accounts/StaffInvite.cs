using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// A one-time link that lets a person set up a staff account of a school (the first school admin, invited by the
/// operator). Only the SHA-256 of the link's token is kept; the link works once and until it expires.
/// </summary>
public sealed class StaffInvite : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The e-mail the account will sign in with.</summary>
    public required string Email { get; set; }

    /// <summary>A mobile number the link was sent to by SMS, or null.</summary>
    public string? Phone { get; set; }

    /// <summary>The role the account gets (<see cref="Roles"/>).</summary>
    public required string Role { get; set; }

    /// <summary>SHA-256 of the token in the link.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>Who made it (the operator's e-mail).</summary>
    public required string CreatedBy { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this (UTC) the link opens nothing.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the link was used (UTC), or null.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>When a newer invite replaced it (UTC), or null.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>The account made through it.</summary>
    public Guid? AccountId { get; set; }
}
