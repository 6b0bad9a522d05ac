using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>
/// One SMS the school's sender tried, whatever the provider (the dev outbox, Tencent Cloud, Aliyun): to whom, which
/// template with which parameters, the text, the provider and whether it went. Support reads it to answer "I got no
/// message" and to send the last one again. A login code's digits are never stored here (masked before writing).
/// </summary>
public sealed class SmsLogEntry : ITenantOwned
{
    /// <summary>Key, in the order the messages were sent.</summary>
    public long Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Recipient, 11 digits.</summary>
    public required string Phone { get; set; }

    /// <summary>The template's name (<c>SmsTemplate</c> in src/Sms).</summary>
    public required string Template { get; set; }

    /// <summary>The template's parameters in order, as a JSON array of strings.</summary>
    public string Parameters { get; set; } = "[]";

    /// <summary>The text as the student reads it.</summary>
    public required string Text { get; set; }

    /// <summary>The provider it went through (<c>SmsProvider</c> in src/Sms).</summary>
    public required string Provider { get; set; }

    /// <summary><see cref="SmsLogOutcomes.Sent"/> or <see cref="SmsLogOutcomes.Failed"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The provider's refusal when it failed.</summary>
    public string? Error { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
