using Photocollect.Data;

namespace Photocollect.Delivery;

/// <summary>
/// Records each export and download of students' data (<see cref="DataExport"/>) before the data leaves: who (a staff
/// account or an API key), from where, what and how many records.
/// </summary>
public sealed class ExportLog(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Who asked: a staff account or a school API key, and from which address.</summary>
    public readonly record struct Requester(Guid? AccountId, Guid? ApiKeyId, string Address);

    /// <summary>Writes one line of the log.</summary>
    public async Task RecordAsync(Requester by, string kind, string subject, int records, CancellationToken cancellationToken)
    {
        db.DataExports.Add(new DataExport
        {
            AccountId = by.AccountId,
            ApiKeyId = by.ApiKeyId,
            Kind = kind,
            Subject = subject.Length > 200 ? subject[..200] : subject,
            Records = records,
            Address = by.Address.Length > 64 ? by.Address[..64] : by.Address,
            At = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (by.ApiKeyId is { } key)
        {
            // A school system with its key: the key is the who.
            await audit.RecordAsAsync(null, $"apikey:{key}", "", by.Address, AuditActions.Export, $"{kind}: {subject}", new { records }, cancellationToken);
        }
        else
        {
            await audit.RecordAsync(AuditActions.Export, $"{kind}: {subject}", new { records }, cancellationToken);
        }
    }
}
