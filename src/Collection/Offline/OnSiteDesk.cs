using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection.Offline;

/// <summary>
/// What staff do for a student on site (seed 001): find them by phone, student number or name; book a slot for one
/// who could not (Q1, Q5: a lost ID card, a failed booking); correct a wrong name or ID number before the shoot (Q2),
/// each change kept with who, when, what and why.
/// </summary>
public sealed class OnSiteDesk(AppDbContext db, OnSiteFlow onSite, StudentOrders orders, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Most students a search shows.</summary>
    public const int MaxFound = 20;

    /// <summary>Students of the campaign matching <paramref name="query"/>: a phone (11 digits), a student number, or a name.</summary>
    public async Task<IReadOnlyList<DeskStudent>> FindAsync(Campaign campaign, string? query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var text = query?.Trim() ?? "";
        if (text.Length is 0 or > 50)
        {
            return [];
        }

        var phone = PhoneNumber.Normalise(text);
        var records = await db.StudentRecords.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && (r.StudentNumber == text || r.Name == text || (phone != null && r.Phone == phone)))
            .OrderBy(r => r.StudentNumber).Take(MaxFound).ToListAsync(cancellationToken);
        var found = new List<DeskStudent>();
        foreach (var record in records)
        {
            var state = await onSite.StateAsync(record.AccountId, campaign, cancellationToken);
            var corrections = await db.RecordCorrections.AsNoTracking().Where(c => c.RecordId == record.Id).OrderByDescending(c => c.At).ToListAsync(cancellationToken);
            found.Add(new(record, state.Order, state.Booking, corrections));
        }

        return found;
    }

    /// <summary>Books a slot for the student of <paramref name="recordId"/>, as staff (allowed where students may not book).</summary>
    public async Task<OfflineResult<BookingView>> BookAsync(Campaign campaign, Guid recordId, Guid slotId, string staff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var record = await db.StudentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId && r.CampaignId == campaign.Id, cancellationToken);
        return record is null
            ? new(default, "no_record")
            : await onSite.BookAsync(record.AccountId, campaign, slotId, staff, cancellationToken);
    }

    /// <summary>
    /// Corrects the record before the shoot: name, ID number (empty keeps it: the desk sees it only masked) and the
    /// 学籍信息 in <paramref name="fields"/>; each changed field is kept as a correction. Refused once the photo is taken
    /// (the record went to review with it), without a reason, with an ID number that is not a valid one, a level the
    /// campaign does not collect, or a student number another record of the campaign has.
    /// </summary>
    public async Task<string?> CorrectAsync(Campaign campaign, Guid recordId, string? name, string? idNumber, string? reason, string staff,
        RecordFields? fields = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var newName = name?.Trim() ?? "";
        var typedId = idNumber?.Trim().ToUpperInvariant() ?? "";
        var why = reason?.Trim() ?? "";
        var number = fields?.StudentNumber?.Trim();
        var level = fields?.Level?.Trim();
        var college = fields?.College?.Trim();
        var major = fields?.Major?.Trim();
        if (newName.Length is 0 or > 50)
        {
            return "bad_name";
        }

        if (typedId.Length > 0 && !IdNumber.IsValid(typedId))
        {
            return "bad_id";
        }

        if (number is not null && (number.Length is 0 or > 30 || !number.All(char.IsAsciiLetterOrDigit)))
        {
            return "bad_student_number";
        }

        if (college is { Length: > 100 } || major is { Length: > 100 })
        {
            return "bad_major";
        }

        if (why.Length is 0 or > 200)
        {
            return "no_reason";
        }

        var changed = new List<string>();
        var account = Guid.Empty;
        var problem = await db.InTransactionAsync<string?>(async (transaction, ct) =>
        {
            changed.Clear();
            var record = await db.StudentRecords.FromSql($"""SELECT * FROM "StudentRecords" WHERE "Id" = {recordId} FOR UPDATE""")
                .SingleOrDefaultAsync(r => r.CampaignId == campaign.Id, ct);
            if (record is null)
            {
                return "no_record";
            }

            account = record.AccountId;

            var orderStatus = await db.Orders.AsNoTracking().Where(o => o.RecordId == recordId && o.CampaignId == campaign.Id && o.Kind == OrderKind.Group)
                .OrderByDescending(o => o.CreatedAt).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(ct);
            if (orderStatus is not (null or OrderStatus.PendingPayment or OrderStatus.Paid or OrderStatus.Closed or OrderStatus.Refunded))
            {
                return "shot";
            }

            var now = clock.GetUtcNow();
            var newId = typedId.Length > 0 ? typedId : record.IdNumber;
            var newNumber = number ?? record.StudentNumber;
            if (level is not null && level != record.Level && !campaign.Levels.Contains(level))
            {
                return "bad_level";
            }

            if (newNumber != record.StudentNumber && await db.StudentRecords.AnyAsync(r => r.CampaignId == campaign.Id && r.StudentNumber == newNumber && r.Id != record.Id, ct))
            {
                return "taken_student_number";
            }

            foreach (var (field, old, value) in new[]
            {
                ("Name", record.Name, newName), ("IdNumber", record.IdNumber, newId), ("StudentNumber", record.StudentNumber, newNumber),
                ("Level", record.Level, level ?? record.Level), ("College", record.College, college ?? record.College), ("Major", record.Major, major ?? record.Major),
            })
            {
                if (old != value)
                {
                    changed.Add(field);
                    db.RecordCorrections.Add(new RecordCorrection { Id = Guid.CreateVersion7(), RecordId = record.Id, Field = field, OldValue = old, NewValue = value, Reason = why, By = staff, At = now });
                }
            }

            record.Name = newName;
            record.IdNumber = newId;
            record.StudentNumber = newNumber;
            record.Level = level ?? record.Level;
            record.College = college ?? record.College;
            record.Major = major ?? record.Major;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }, cancellationToken);
        if (problem is null && changed.Count > 0)
        {
            // The fields, not their values: the old and new values are in RecordCorrections for who may see them.
            await audit.RecordAsync(AuditActions.RecordCorrection, recordId.ToString(), new { fields = changed, reason = why }, cancellationToken);
            await orders.ChangedAsync([account]);  // the name and ID number on the student's order list
        }

        return problem;
    }
}
