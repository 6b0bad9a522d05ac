using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

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
