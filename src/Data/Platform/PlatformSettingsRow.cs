namespace Photocollect.Data;

/// <summary>One settings section of the platform itself (held by the operator, not by any school), as JSON.</summary>
public sealed class PlatformSettingsRow
{
    /// <summary>Section name, e.g. <c>wechatpay</c>.</summary>
    public required string Section { get; set; }

    /// <summary>The section's JSON (secrets inside are encrypted).</summary>
    public required string Json { get; set; }

    /// <summary>Last write (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
