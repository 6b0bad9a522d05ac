using Photocollect.Tenancy.Data;

namespace Photocollect.Web.Data;

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

/// <summary>A message "sent" by the development outbox instead of an SMS provider.</summary>
public sealed class SmsOutboxMessage : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Recipient.</summary>
    public required string Phone { get; set; }

    /// <summary>Full text as it would be delivered.</summary>
    public required string Text { get; set; }

    /// <summary>When it was stored (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One settings section of one school, as JSON (secrets inside are encrypted).</summary>
public sealed class TenantSettingsRow : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Section name, e.g. <c>sms</c>.</summary>
    public required string Section { get; set; }

    /// <summary>The section's JSON.</summary>
    public required string Json { get; set; }

    /// <summary>Last write (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An ASP.NET Data Protection key ring entry, shared by every instance of the app.</summary>
public sealed class DataProtectionKeyRow
{
    /// <summary>Key.</summary>
    public int Id { get; set; }

    /// <summary>The key's name from Data Protection.</summary>
    public string? FriendlyName { get; set; }

    /// <summary>The key's XML.</summary>
    public required string Xml { get; set; }
}
