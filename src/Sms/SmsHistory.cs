using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Tenancy;

namespace Photocollect.Sms;

/// <summary>
/// The log of every SMS the school of the scope sent or tried (<see cref="SmsLogEntry"/>), written by
/// <see cref="TenantSmsSender"/> whatever the provider, read by support. A login code is never kept: its digits are
/// masked in the parameters and the text before the row is written, and it is never sent again (a new code is what
/// a student who missed one needs, and they ask for it themselves).
/// </summary>
public sealed class SmsHistory(AppDbContext db, TenantContext tenant, TimeProvider clock)
{
    /// <summary>What a login code's digits become in the log.</summary>
    public const string MaskedCode = "******";

    /// <summary>Records one message the school's provider accepted (<paramref name="error"/> null) or refused.</summary>
    public Task RecordAsync(SmsMessage message, SmsProvider provider, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (parameters, text) = Kept(message);
        var json = JsonSerializer.Serialize(parameters);
        var outcome = error is null ? SmsLogOutcomes.Sent : SmsLogOutcomes.Failed;
        // Its own INSERT: nothing else pending in the context (a caller's unsaved rows) is saved with it.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SmsLog" ("TenantId", "Phone", "Template", "Parameters", "Text", "Provider", "Outcome", "Error", "At")
            VALUES ({tenant.RequiredSchool.Id}, {message.Phone}, {message.Template.ToString()}, {json}::jsonb, {Cut(text, 500)}, {provider.ToString()},
                    {outcome}, {(error is null ? null : Cut(error, 500))}, {clock.GetUtcNow()})
            """, cancellationToken);
    }

    /// <summary>The messages to any of <paramref name="phones"/> at the school, newest first.</summary>
    public async Task<IReadOnlyList<SmsLogEntry>> ToAsync(IReadOnlyCollection<string> phones, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(phones);
        return await db.SmsLog.AsNoTracking().Where(m => phones.Contains(m.Phone)).OrderByDescending(m => m.At).ThenByDescending(m => m.Id)
            .Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The newest message to any of <paramref name="phones"/> that may be sent again (anything but a login code), or
    /// null when there is none.
    /// </summary>
    public Task<SmsLogEntry?> LastResendableAsync(IReadOnlyCollection<string> phones, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(phones);
        var login = SmsTemplate.LoginCode.ToString();
        return db.SmsLog.AsNoTracking().Where(m => phones.Contains(m.Phone) && m.Template != login)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The message <paramref name="entry"/> was, ready for the sender again.</summary>
    public static SmsMessage Again(SmsLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var template = Enum.Parse<SmsTemplate>(entry.Template);
        if (template == SmsTemplate.LoginCode)
        {
            throw new InvalidOperationException("A login code is never sent again.");
        }

        return new SmsMessage(entry.Phone, template, JsonSerializer.Deserialize<string[]>(entry.Parameters) ?? [], entry.Text);
    }

    private static (IReadOnlyList<string> Parameters, string Text) Kept(SmsMessage message)
    {
        if (message.Template != SmsTemplate.LoginCode || message.Parameters.Count == 0 || message.Parameters[0].Length == 0)
        {
            return (message.Parameters, message.Text);
        }

        var code = message.Parameters[0];
        return ([MaskedCode, .. message.Parameters.Skip(1)], message.Text.Replace(code, MaskedCode, StringComparison.Ordinal));
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
