using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;

namespace Photocollect.Collection.Retention;

/// <summary>
/// What the school holds about a student (PIPL art. 45: the right to know and to copy), as the account page and the
/// API show it. Apart from <see cref="PersonalData"/> (the erasure, with the identity services it needs), so that
/// showing the page builds none of them.
/// </summary>
public sealed class HeldPersonalData(AppDbContext db, StudentOrders views)
{
    // The account page's three reads, compiled once: building, hashing and looking up the expressions per request cost
    // about as much of the page's CPU as running them.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<AppUser?>> UserOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid account, CancellationToken _) => db.Users.AsNoTracking().SingleOrDefault(u => u.Id == account));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<RecordHeld>> RecordsOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid account) => db.StudentRecords.AsNoTracking().Where(r => r.AccountId == account)
            .Join(db.Campaigns, r => r.CampaignId, c => c.Id, (r, c) => new { Record = r, Campaign = c.Name, c.Kind })
            .OrderByDescending(x => x.Record.VerifiedAt)
            .Select(x => new RecordHeld
            {
                Record = x.Record,
                Campaign = x.Campaign,
                Kind = x.Kind,
                Photos = db.Photos.Where(p => p.RecordId == x.Record.Id && db.PhotoFiles.Any(f => f.PhotoId == p.Id)).Select(p => p.CreatedAt).ToList(),
                Admission = db.AdmissionPhotos.Any(a => a.RecordId == x.Record.Id),
            }));

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<Order>> OrdersOf = EF.CompileAsyncQuery<AppDbContext, Guid, Order>(
        (AppDbContext db, Guid account) => db.Orders.AsNoTracking().Where(o => o.AccountId == account).OrderByDescending(o => o.CreatedAt));

    /// <summary>What is held about the account's holder, or null when there is no such account here.</summary>
    public Task<HeldData?> HeldAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        views.ViewAsync(accountId, "account", ct => ReadHeldAsync(accountId, ct), cancellationToken);

    // Held beside the order list (decision 018): the order grains, the record's writers, the photo check, the consent,
    // the purge and the erasure tell it of their changes.
    private async Task<HeldData?> ReadHeldAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var user = await UserOf(db, accountId, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var records = await RecordsOf(db, accountId).ToListAsync(cancellationToken);
        var orders = (await OrdersOf(db, accountId).ToListAsync(cancellationToken)).ToLookup(o => o.RecordId, View);
        return new HeldData(PhoneNumber.Mask(user.PhoneNumber ?? ""), user.CreatedAt, user.AgreementVersion, user.AgreementAcceptedAt,
            [.. records.Select(x => new HeldRecord(x.Record.Id, x.Campaign, x.Record.Name, x.Record.IdNumber.Length == 0 ? "" : IdNumber.Mask(x.Record.IdNumber),
                x.Record.StudentNumber, x.Record.Phone.Length == 0 ? "" : PhoneNumber.Mask(x.Record.Phone), x.Record.VerifiedAt, x.Record.FaceConsentAt,
                x.Photos.Count, x.Photos.Count == 0 ? null : x.Photos.Min(), x.Admission, [.. orders[x.Record.Id]], x.Kind))]);
    }

    /// <summary>An order as the student's own data lists it.</summary>
    internal static HeldOrder View(Order o) => new(o.Id, o.Number, o.Kind, o.Status, o.PriceFen, o.CreatedAt);

    // A record with what the account page says about it.
    private sealed class RecordHeld
    {
        public StudentRecord Record { get; init; } = null!;

        public string Campaign { get; init; } = "";

        public CampaignKind Kind { get; init; }

        public List<DateTimeOffset> Photos { get; init; } = [];

        public bool Admission { get; init; }
    }
}
