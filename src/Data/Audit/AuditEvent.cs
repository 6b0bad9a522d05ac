using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// One line of the audit trail: who (account, roles, the e-mail or phone they used), at which school (null for the
/// platform), from which address, did what to what, with details (the fields a settings change touched, a reason),
/// and when. Append-only: the database refuses to update or delete these rows (migration 0012).
/// </summary>
public sealed class AuditEvent : ITenantOrPlatformOwned
{
    /// <summary>Key, in the order the events were written.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public Guid? TenantId { get; set; }

    /// <summary>The account, or null (an unknown e-mail at a failed sign-in, the system).</summary>
    public Guid? AccountId { get; set; }

    /// <summary>The name they signed in with (e-mail), or <c>system</c>.</summary>
    public required string Who { get; set; }

    /// <summary>Their roles then, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>The client's address.</summary>
    public string Address { get; set; } = "";

    /// <summary>What, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>To what: an order number, a campaign, a batch, a key's prefix.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Details as JSON, or null.</summary>
    public string? Details { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
