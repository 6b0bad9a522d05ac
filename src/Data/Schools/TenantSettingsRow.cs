using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

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
