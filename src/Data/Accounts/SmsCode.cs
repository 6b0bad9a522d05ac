using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>A one-time SMS login code. Only its hash is stored.</summary>
public sealed class SmsCode : ITenantOwned
{
    /// <summary>Key; also salts the hash.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Mainland mobile number, 11 digits.</summary>
    public required string Phone { get; set; }

    /// <summary>HMAC of the code keyed by the row id.</summary>
    public required string CodeHash { get; set; }

    /// <summary>Client address that asked for it (per-IP limits).</summary>
    public required string RequestIp { get; set; }

    /// <summary>When it was sent (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this it is refused.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong entries so far; at the limit the code is locked.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When it was used; a used code is refused.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }
}
