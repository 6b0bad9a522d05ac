using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;

namespace Photocollect.Data;

/// <summary>
/// Writes the audit trail (<see cref="AuditEvent"/>): one INSERT per event, of its own, so that nothing else pending
/// in the context is saved with it. The school is the scope's (null on the platform).
/// </summary>
public sealed class AuditTrail(AppDbContext db, TenantContext tenant, IAuditActor actor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Records an action of whoever is acting now.</summary>
    public Task RecordAsync(string action, string subject, object? details = null, CancellationToken cancellationToken = default)
    {
        var (account, who, roles, address) = actor.Current;
        return RecordAsAsync(account, who, roles, address, action, subject, details, cancellationToken);
    }

    /// <summary>Records an action of someone named here (a sign-in, before the request carries the account).</summary>
    public async Task RecordAsAsync(Guid? account, string who, string roles, string address, string action, string subject, object? details,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        var school = tenant.Kind == TenantScopeKind.Tenant ? tenant.TenantId : null;
        var json = details is null ? null : JsonSerializer.Serialize(details, Json);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEvents" ("TenantId", "AccountId", "Who", "Roles", "Address", "Action", "Subject", "Details", "At")
            VALUES ({school}, {account}, {Cut(who, 256)}, {Cut(roles, 100)}, {Cut(address, 64)}, {action}, {Cut(subject, 200)}, {json}::jsonb, {clock.GetUtcNow()})
            """, cancellationToken);
    }

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
