using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Sms;
using Photocollect.Tenancy;

namespace Photocollect.Web.Platform;

/// <summary>
/// The operator's support desk across schools: finds a student by phone number or order number at every school,
/// shows one student (records, orders with their history, the SMS sent to them) and sends their last notification
/// again through their school's own provider, inside that school's scope. Phone and ID numbers leave here masked.
/// Auditing is the page's (it knows what was asked).
/// </summary>
public sealed class SupportDesk(AppDbContext db, TenantContext tenant, SmsHistory smsHistory, ISmsSender sms)
{
    /// <summary>Matches shown for one search at most.</summary>
    public const int MaxMatches = 50;

    /// <summary>SMS shown for one student at most.</summary>
    public const int MaxMessages = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What a query was taken for.</summary>
    public enum QueryKind
    {
        /// <summary>Nothing usable: empty, or neither a phone nor an order number.</summary>
        None,

        /// <summary>A mainland mobile number.</summary>
        Phone,

        /// <summary>An order number (<c>000015-20240220113824101</c>).</summary>
        Order,
    }

    /// <summary>A query understood: its kind, its normalised value, and the problem's text key when there is one.</summary>
    public sealed record Query(QueryKind Kind, string Value, string? Problem)
    {
        /// <summary>What the audit trail keeps of it: an order number as typed, a phone masked.</summary>
        public string Masked => Kind == QueryKind.Phone ? PhoneNumber.Mask(Value) : Value;
    }

    /// <summary>One student found: an account at a school, masked.</summary>
    public sealed record Match(School School, Guid Account, string Phone, IReadOnlyList<string> Names, int Orders);

    /// <summary>A record as support sees it (ID number masked).</summary>
    public sealed record RecordLine(StudentRecord Record, string Campaign, string MaskedId, string MaskedPhone);

    /// <summary>An order with its history, and the resource key of its type (新生照片 for a freshman campaign's).</summary>
    public sealed record OrderLine(Order Order, IReadOnlyList<OrderChange> History, string KindKey);

    /// <summary>An SMS as support sees it (phone masked).</summary>
    public sealed record MessageLine(SmsLogEntry Message, string MaskedPhone);

    /// <summary>One student at one school.</summary>
    public sealed record Student(School School, Guid Account, string MaskedPhone, DateTimeOffset CreatedAt, IReadOnlyList<RecordLine> Records,
        IReadOnlyList<OrderLine> Orders, IReadOnlyList<MessageLine> Messages, SmsLogEntry? Resendable);

    /// <summary>What a resend did.</summary>
    public sealed record Resent(School School, string MaskedPhone, string Template, string? Error);

    /// <summary>Reads what the operator typed: a phone number (spaces, +86 allowed), an order number, or a problem.</summary>
    public static Query Read(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return new(QueryKind.None, "", "PlatformSupport.Error.Empty");
        }

        if (PhoneNumber.Normalise(text) is { } phone)
        {
            return new(QueryKind.Phone, phone, null);
        }

        if (OrderNumbers.IsWellFormed(text))
        {
            return new(QueryKind.Order, text, null);
        }

        // Digits and phone punctuation only: a phone number mistyped (too short, too long, not 1[3-9]…).
        var phoneLike = text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')');
        return new(QueryKind.None, "", phoneLike && !text.Contains('-', StringComparison.Ordinal) ? "PlatformSupport.Error.Phone"
            : text.Contains('-', StringComparison.Ordinal) ? "PlatformSupport.Error.OrderShape" : "PlatformSupport.Error.Unknown");
    }

    /// <summary>Every student at every school with this phone (their account's or a record's) or this order number.</summary>
    public async Task<IReadOnlyList<Match>> FindAsync(Query query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<(Guid School, Guid Account)> keys;
        if (query.Kind == QueryKind.Phone)
        {
            var phone = query.Value;
            var byAccount = await db.Users.IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.TenantId != null && (u.UserName == phone || u.PhoneNumber == phone))
                .Select(u => new { School = u.TenantId!.Value, Account = u.Id }).ToListAsync(cancellationToken);
            var byRecord = await db.StudentRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.Phone == phone)
                .Select(r => new { School = r.TenantId, r.AccountId }).Distinct().ToListAsync(cancellationToken);
            keys = [.. byAccount.Select(x => (x.School, x.Account)).Concat(byRecord.Select(x => (x.School, x.AccountId))).Distinct()];
        }
        else if (query.Kind == QueryKind.Order)
        {
            keys = [.. (await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Number == query.Value)
                .Select(o => new { o.TenantId, o.AccountId }).ToListAsync(cancellationToken)).Select(x => (x.TenantId, x.AccountId))];
        }
        else
        {
            return [];
        }

        keys = [.. keys.Take(MaxMatches)];
        var accounts = keys.Select(k => k.Account).ToList();
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var users = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => accounts.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.PhoneNumber ?? u.UserName ?? "", cancellationToken);
        var names = (await db.StudentRecords.IgnoreQueryFilters().AsNoTracking().Where(r => accounts.Contains(r.AccountId))
            .Select(r => new { r.AccountId, r.Name }).ToListAsync(cancellationToken)).ToLookup(r => r.AccountId, r => r.Name);
        var orders = await db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => accounts.Contains(o.AccountId))
            .GroupBy(o => o.AccountId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. keys.Where(k => schools.ContainsKey(k.School))
            .Select(k => new Match(schools[k.School], k.Account, PhoneNumber.Mask(users.GetValueOrDefault(k.Account, "")),
                [.. names[k.Account].Distinct()], orders.GetValueOrDefault(k.Account)))
            .OrderBy(m => m.School.Slug, StringComparer.Ordinal)];
    }

    /// <summary>One student (an account at a school), or null when there is no such student.</summary>
    public async Task<Student?> StudentAsync(Guid schoolId, Guid account, CancellationToken cancellationToken = default)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schoolId, cancellationToken);
        if (school is null)
        {
            return null;
        }

        using var _ = tenant.EnterTenant(school);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == account, cancellationToken);
        var records = await db.StudentRecords.AsNoTracking().Where(r => r.AccountId == account).OrderBy(r => r.VerifiedAt).ToListAsync(cancellationToken);
        if (user is null && records.Count == 0)
        {
            return null;
        }

        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var kinds = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Kind, cancellationToken);
        var orders = await db.Orders.AsNoTracking().Where(o => o.AccountId == account).OrderByDescending(o => o.CreatedAt).ToListAsync(cancellationToken);
        var phones = Phones(user, records);
        var messages = await smsHistory.ToAsync(phones, MaxMessages, cancellationToken);
        return new Student(school, account, PhoneNumber.Mask(user?.PhoneNumber ?? user?.UserName ?? ""), user?.CreatedAt ?? records[0].VerifiedAt,
            [.. records.Select(r => new RecordLine(r, campaigns.GetValueOrDefault(r.CampaignId, ""), r.IdNumber.Length == 0 ? "" : IdNumber.Mask(r.IdNumber), PhoneNumber.Mask(r.Phone)))],
            [.. orders.Select(o => new OrderLine(o, JsonSerializer.Deserialize<List<OrderChange>>(o.History, Json) ?? [],
                OrderLabels.KindKey(o.Kind, kinds.GetValueOrDefault(o.CampaignId))))],
            [.. messages.Select(m => new MessageLine(m, PhoneNumber.Mask(m.Phone)))],
            await smsHistory.LastResendableAsync(phones, cancellationToken));
    }

    /// <summary>
    /// Sends the student's last notification again through their school's SMS provider, inside that school's scope;
    /// null when there is no such student or nothing to send again.
    /// </summary>
    public async Task<Resent?> ResendLastAsync(Guid schoolId, Guid account, CancellationToken cancellationToken = default)
    {
        var school = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schoolId, cancellationToken);
        if (school is null)
        {
            return null;
        }

        using var _ = tenant.EnterTenant(school);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == account, cancellationToken);
        var records = await db.StudentRecords.AsNoTracking().Where(r => r.AccountId == account).ToListAsync(cancellationToken);
        var last = await smsHistory.LastResendableAsync(Phones(user, records), cancellationToken);
        if (last is null)
        {
            return null;
        }

        try
        {
            await sms.SendAsync(SmsHistory.Again(last), cancellationToken);
            return new Resent(school, PhoneNumber.Mask(last.Phone), last.Template, null);
        }
        catch (SmsSendException e)
        {
            // The log has the failure too (the sender writes it); the page says so.
            return new Resent(school, PhoneNumber.Mask(last.Phone), last.Template, e.Message);
        }
    }

    private static string[] Phones(AppUser? user, IEnumerable<StudentRecord> records) =>
        [.. new[] { user?.PhoneNumber, user?.UserName }.Concat(records.Select(r => r.Phone))
            .Where(p => !string.IsNullOrEmpty(p) && PhoneNumber.Normalise(p) == p).Select(p => p!).Distinct()];
}
