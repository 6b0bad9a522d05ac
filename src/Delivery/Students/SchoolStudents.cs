using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Students;

/// <summary>
/// The school's students in a campaign: everyone who verified, with the status of their order, searchable and
/// filtered; and those not yet collected, for the school to chase: the roster's students without a paid order, or,
/// where the campaign has no roster (教学服〔2022〕10号 does not require one), the students who came and did not pay:
/// without a roster nobody knows who never came.
/// </summary>
public sealed class SchoolStudents(AppDbContext db)
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>What the list is limited to.</summary>
    /// <param name="CampaignId">The campaign.</param>
    /// <param name="Search">Part of a name or student number, or null.</param>
    /// <param name="Status">An order status, <see cref="NoOrder"/>, or null for all.</param>
    /// <param name="Level">A level, or null.</param>
    /// <param name="College">A college, or null.</param>
    public sealed record Filter(Guid CampaignId, string? Search, string? Status, string? Level, string? College);

    /// <summary>The status filter's value for students without an order that counts (none, or only closed or refunded ones).</summary>
    public const string NoOrder = "None";

    /// <summary>One student.</summary>
    public sealed record Row(Guid RecordId, string StudentNumber, string Name, string Level, string College, string Major,
        Guid? OrderId, string? OrderNumber, OrderStatus? Status, Guid? PhotoId, DateTimeOffset VerifiedAt)
    {
        /// <summary>The approved photo, once there is one (待制作 and after).</summary>
        public Guid? ApprovedPhotoId => Status is OrderStatus.PendingProduction or OrderStatus.InProduction or OrderStatus.Completed ? PhotoId : null;
    }

    /// <summary>A page of the list and how many match in all.</summary>
    public sealed record Page(IReadOnlyList<Row> Rows, int Total, int Number);

    /// <summary>The levels and colleges of the campaign's students, for the filters.</summary>
    public async Task<(IReadOnlyList<string> Levels, IReadOnlyList<string> Colleges)> FacetsAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var records = db.StudentRecords.AsNoTracking().Where(r => r.CampaignId == campaignId);
        var levels = await records.Select(r => r.Level).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        var colleges = await records.Select(r => r.College).Distinct().OrderBy(c => c).ToListAsync(cancellationToken);
        return (levels, colleges);
    }

    /// <summary>One page of the students that match.</summary>
    public async Task<Page> ListAsync(Filter filter, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = Rows(filter);
        var total = await rows.CountAsync(cancellationToken);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var list = await rows.Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new Page(list, total, page);
    }

    /// <summary>Every student that matches, for an export.</summary>
    public async Task<IReadOnlyList<Row>> AllAsync(Filter filter, CancellationToken cancellationToken) =>
        await Rows(filter).ToListAsync(cancellationToken);

    /// <summary>The list as a table (CSV or Excel).</summary>
    public static Table Table(IReadOnlyList<Row> rows, Func<OrderStatus?, string> status)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(status);
        return new("学生", ["学号", "姓名", "层次", "学院", "专业", "状态", "订单号"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.StudentNumber, r.Name, r.Level, r.College, r.Major, status(r.Status), r.OrderNumber ?? ""])]);
    }

    /// <summary>One not yet collected: from the roster (never verified, or verified and not paid) or, without a roster, one who came.</summary>
    public sealed record Missing(string StudentNumber, string Name, string Level, string College, string Major, string ClassName, bool Verified, OrderStatus? Status);

    /// <summary>
    /// Whether the campaign has a roster; the not-collected list comes from it when it does. The roster is the school's
    /// (one table per school, no campaign column: an import replaces students, not campaigns), and a campaign's share
    /// of it is the students of the levels it collects (all of them when it names none). A campaign whose levels the
    /// school's roster does not cover (a graduate campaign where only undergraduates were imported) has no roster of
    /// its own, so its list is built from the students who came, as for a school that gave none.
    /// </summary>
    public async Task<bool> HasRosterAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var levels = await LevelsAsync(campaignId, cancellationToken);
        return await db.Roster.AnyAsync(e => levels.Count == 0 || levels.Contains(e.Level), cancellationToken);
    }

    /// <summary>The students not yet collected (no paid order), by student number.</summary>
    public async Task<IReadOnlyList<Missing>> NotCollectedAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        var paid = Paid();
        if (await HasRosterAsync(campaignId, cancellationToken))
        {
            var levels = await LevelsAsync(campaignId, cancellationToken);
            var roster = await (
                from e in db.Roster.AsNoTracking()
                where levels.Count == 0 || levels.Contains(e.Level)
                let record = db.StudentRecords.Where(r => r.CampaignId == campaignId && r.StudentNumber == e.StudentNumber).Select(r => new { r.Id }).FirstOrDefault()
                where record == null || !paid.Any(o => o.RecordId == record.Id)
                orderby e.StudentNumber
                select new Missing(e.StudentNumber, e.Name, e.Level, e.College, e.Major, e.ClassName, record != null,
                    record == null ? null : db.Orders.Where(o => o.RecordId == record.Id && o.Kind != OrderKind.Reprint)
                        .OrderByDescending(o => o.CreatedAt).Select(o => (OrderStatus?)o.Status).FirstOrDefault()))
                .ToListAsync(cancellationToken);
            return roster;
        }

        return await (
            from r in db.StudentRecords.AsNoTracking()
            where r.CampaignId == campaignId && !paid.Any(o => o.RecordId == r.Id)
            orderby r.StudentNumber
            select new Missing(r.StudentNumber, r.Name, r.Level, r.College, r.Major, "", true,
                db.Orders.Where(o => o.RecordId == r.Id && o.Kind != OrderKind.Reprint)
                    .OrderByDescending(o => o.CreatedAt).Select(o => (OrderStatus?)o.Status).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The not-collected list as a table (CSV or Excel).</summary>
    public static Table Table(IReadOnlyList<Missing> rows, Func<Missing, string> state)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(state);
        return new("未采集", ["学号", "姓名", "层次", "学院", "专业", "班级", "情况"],
            [.. rows.Select(r => (IReadOnlyList<string>)[r.StudentNumber, r.Name, r.Level, r.College, r.Major, r.ClassName, state(r)])]);
    }

    private Task<List<string>> LevelsAsync(Guid campaignId, CancellationToken cancellationToken) =>
        db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => c.Levels).SingleAsync(cancellationToken);

    // Orders that count as collected or on the way: paid and not refunded (a reprint is never one).
    private IQueryable<Order> Paid() => db.Orders.Where(o => o.Kind != OrderKind.Reprint
        && o.Status != OrderStatus.PendingPayment && o.Status != OrderStatus.Closed && o.Status != OrderStatus.Refunded);

    private IQueryable<Row> Rows(Filter filter)
    {
        var search = filter.Search?.Trim();
        var records = db.StudentRecords.AsNoTracking().Where(r => r.CampaignId == filter.CampaignId);
        if (!string.IsNullOrEmpty(search))
        {
            records = records.Where(r => r.Name.Contains(search) || r.StudentNumber.Contains(search));
        }

        if (!string.IsNullOrEmpty(filter.Level))
        {
            records = records.Where(r => r.Level == filter.Level);
        }

        if (!string.IsNullOrEmpty(filter.College))
        {
            records = records.Where(r => r.College == filter.College);
        }

        // The order shown: the one that is not closed or refunded (at most one), else the latest.
        var shown =
            from r in records
            let order = db.Orders.Where(o => o.RecordId == r.Id && o.Kind != OrderKind.Reprint)
                .OrderBy(o => o.Status == OrderStatus.Closed || o.Status == OrderStatus.Refunded ? 1 : 0).ThenByDescending(o => o.CreatedAt)
                .FirstOrDefault()
            select new { Record = r, Order = order };
        if (filter.Status == NoOrder)
        {
            shown = shown.Where(x => x.Order == null || x.Order.Status == OrderStatus.Closed || x.Order.Status == OrderStatus.Refunded);
        }
        else if (Enum.TryParse<OrderStatus>(filter.Status, out var status))
        {
            shown = shown.Where(x => x.Order != null && x.Order.Status == status);
        }

        return from x in shown
               orderby x.Record.StudentNumber
               select new Row(x.Record.Id, x.Record.StudentNumber, x.Record.Name, x.Record.Level, x.Record.College, x.Record.Major,
                   x.Order == null ? null : x.Order.Id, x.Order == null ? null : x.Order.Number,
                   x.Order == null ? null : x.Order.Status, x.Order == null ? null : x.Order.PhotoId, x.Record.VerifiedAt);
    }
}
