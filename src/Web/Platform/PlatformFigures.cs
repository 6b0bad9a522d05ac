using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Tenancy;

namespace Photocollect.Web.Platform;

/// <summary>
/// The operator's figures across schools, read straight from the tables (no school scope: every query names its
/// rows): per school its active campaigns, students, orders, money received and refunded, the review backlog against
/// the 48-hour target and the payment providers' errors; the last 30 days' students and orders; the payments job's
/// steps; and the people whose face images are stored. Days are China's (UTC+8), as the schools count them.
/// </summary>
public sealed class PlatformFigures(AppDbContext db, TimeProvider clock)
{
    /// <summary>The review target (seed 003).</summary>
    public static readonly TimeSpan ReviewTarget = TimeSpan.FromHours(48);

    /// <summary>Days the daily chart covers, today included.</summary>
    public const int Days = 30;

    /// <summary>How far back "recent" failures (job runs, provider errors) go.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromHours(24);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Money of one currency at one school, fen.</summary>
    /// <param name="Currency">ISO code.</param>
    /// <param name="ReceivedFen">Payments received (succeeded, or received and due back), as the ledger counts them.</param>
    /// <param name="Payments">How many payments that is.</param>
    /// <param name="RefundedFen">Refunds the provider carried out.</param>
    /// <param name="RefundingFen">Refunds asked for and not finished yet.</param>
    public sealed record Money(string Currency, long ReceivedFen, int Payments, long RefundedFen, long RefundingFen);

    /// <summary>One school's line.</summary>
    public sealed record SchoolLine(School School, int ActiveCampaigns, int Students, int OrdersToday, int Paid, int PendingReview, int LateReviews,
        DateTimeOffset? OldestWaiting, IReadOnlyList<Money> Money, int ProviderErrors, int Faces);

    /// <summary>One China day's new students (verified records) and new orders (collection orders, reprints apart).</summary>
    public sealed record Day(DateOnly Date, int Students, int Orders);

    /// <summary>One step of the payments job: its last run and its failures in the recent period.</summary>
    public sealed record JobLine(string Job, JobRun? Last, DateTimeOffset? LastSucceeded, int Runs, int Failures);

    /// <summary>A provider's error with its school's name.</summary>
    public sealed record ErrorLine(ProviderError Error, string School);

    /// <summary>Everything the console shows.</summary>
    public sealed record View(IReadOnlyList<SchoolLine> Schools, IReadOnlyList<Day> Days, IReadOnlyList<JobLine> Jobs, IReadOnlyList<ErrorLine> Errors, int Faces);

    /// <summary>A date and a count, as the daily queries return them.</summary>
    public sealed class DayCount
    {
        /// <summary>The China day.</summary>
        public DateOnly Day { get; set; }

        /// <summary>Rows on it.</summary>
        public int Count { get; set; }
    }

    /// <summary>Reads the figures now.</summary>
    public async Task<View> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(China).Date);
        var dayStart = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var firstDay = today.AddDays(1 - Days);
        var since = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), China).ToUniversalTime();
        var late = now - ReviewTarget;
        var recent = now - Recent;

        var orders = db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind != OrderKind.Reprint);
        var students = await Count(db.StudentRecords.IgnoreQueryFilters().GroupBy(r => r.TenantId), cancellationToken);
        var campaigns = await Count(db.Campaigns.IgnoreQueryFilters().Where(c => c.StartsAt <= now && c.EndsAt > now).GroupBy(c => c.TenantId), cancellationToken);
        var ordersToday = await Count(orders.Where(o => o.CreatedAt >= dayStart).GroupBy(o => o.TenantId), cancellationToken);
        var paid = await Count(orders.Where(o => o.Status != OrderStatus.PendingPayment && o.Status != OrderStatus.Closed && o.Status != OrderStatus.Refunded)
            .GroupBy(o => o.TenantId), cancellationToken);
        var backlog = await orders.Where(o => o.Status == OrderStatus.PendingReview).GroupBy(o => o.TenantId)
            .Select(g => new { g.Key, Count = g.Count(), Late = g.Count(o => o.UpdatedAt < late), Oldest = g.Min(o => o.UpdatedAt) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var errors = await Count(db.ProviderErrors.IgnoreQueryFilters().Where(e => e.At >= recent).GroupBy(e => e.TenantId), cancellationToken);
        // A person's face: a photo of theirs with a file still stored (the upload or its standard photo), or their admission
        // photo. The retention purge and students' erasures delete them, and the figure drops with them.
        var faces = await Count(db.StudentRecords.IgnoreQueryFilters().AsNoTracking().Where(r =>
            db.Photos.IgnoreQueryFilters().Any(p => p.RecordId == r.Id && db.PhotoFiles.IgnoreQueryFilters().Any(f => f.PhotoId == p.Id && (f.Source != null || f.SourceInStore || f.Standard != null)))
            || db.AdmissionPhotos.IgnoreQueryFilters().Any(a => a.RecordId == r.Id)).GroupBy(r => r.TenantId), cancellationToken);

        var received = await db.Payments.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.State == PaymentStates.Succeeded || p.State == PaymentStates.RefundDue)
            .GroupBy(p => new { p.TenantId, p.Currency }).Select(g => new { g.Key.TenantId, g.Key.Currency, Fen = g.Sum(p => p.AmountFen), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var refunds = await db.Refunds.IgnoreQueryFilters().AsNoTracking().Where(r => r.State != RefundState.Failed)
            .GroupBy(r => new { r.TenantId, r.Currency })
            .Select(g => new
            {
                g.Key.TenantId,
                g.Key.Currency,
                Done = g.Where(r => r.State == RefundState.Succeeded).Sum(r => r.AmountFen),
                Open = g.Where(r => r.State != RefundState.Succeeded).Sum(r => r.AmountFen),
            })
            .ToListAsync(cancellationToken);

        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(cancellationToken);
        var lines = schools.Select(s =>
        {
            var b = backlog.GetValueOrDefault(s.Id);
            var money = received.Where(r => r.TenantId == s.Id).Select(r => r.Currency)
                .Union(refunds.Where(r => r.TenantId == s.Id).Select(r => r.Currency)).Order(StringComparer.Ordinal)
                .Select(c =>
                {
                    var r = received.SingleOrDefault(x => x.TenantId == s.Id && x.Currency == c);
                    var f = refunds.SingleOrDefault(x => x.TenantId == s.Id && x.Currency == c);
                    return new Money(c, r?.Fen ?? 0, r?.Count ?? 0, f?.Done ?? 0, f?.Open ?? 0);
                }).ToList();
            return new SchoolLine(s, campaigns.GetValueOrDefault(s.Id), students.GetValueOrDefault(s.Id), ordersToday.GetValueOrDefault(s.Id),
                paid.GetValueOrDefault(s.Id), b?.Count ?? 0, b?.Late ?? 0, b?.Oldest, money, errors.GetValueOrDefault(s.Id), faces.GetValueOrDefault(s.Id));
        }).ToList();

        var newStudents = await PerDayAsync("StudentRecords", "VerifiedAt", "", since, cancellationToken);
        var newOrders = await PerDayAsync("Orders", "CreatedAt", """AND "Kind" <> 'Reprint'""", since, cancellationToken);
        var days = Enumerable.Range(0, Days).Select(i => firstDay.AddDays(i))
            .Select(d => new Day(d, newStudents.GetValueOrDefault(d), newOrders.GetValueOrDefault(d))).ToList();

        var jobs = new List<JobLine>();
        foreach (var job in PaymentsJobGrain.Steps)
        {
            var runs = db.JobRuns.AsNoTracking().Where(r => r.Job == job);
            var last = await runs.OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            var lastSucceeded = await runs.Where(r => r.Succeeded).MaxAsync(r => (DateTimeOffset?)r.FinishedAt, cancellationToken);
            var count = await runs.CountAsync(r => r.StartedAt >= recent, cancellationToken);
            var failures = await runs.CountAsync(r => r.StartedAt >= recent && !r.Succeeded, cancellationToken);
            jobs.Add(new JobLine(job, last, lastSucceeded, count, failures));
        }

        var names = schools.ToDictionary(s => s.Id, s => s.DisplayName);
        var lastErrors = await db.ProviderErrors.IgnoreQueryFilters().AsNoTracking().OrderByDescending(e => e.Id).Take(20).ToListAsync(cancellationToken);
        return new View(lines, days, jobs, [.. lastErrors.Select(e => new ErrorLine(e, names.GetValueOrDefault(e.TenantId) ?? ""))], faces.Values.Sum());
    }

    private static Task<Dictionary<Guid, int>> Count<T>(IQueryable<IGrouping<Guid, T>> groups, CancellationToken cancellationToken) =>
        groups.Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private async Task<Dictionary<DateOnly, int>> PerDayAsync(string table, string column, string filter, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // The names are this class's constants, never input; the time is a parameter.
#pragma warning disable EF1002 // table and column names come from the callers above, not from a request
        var rows = await db.Database.SqlQueryRaw<DayCount>(
            $"""
            SELECT ("{column}" AT TIME ZONE 'Asia/Shanghai')::date AS "Day", count(*)::int AS "Count"
            FROM "{table}" WHERE "{column}" >= @since {filter} GROUP BY 1
            """, new Npgsql.NpgsqlParameter("since", since)).ToListAsync(cancellationToken);
#pragma warning restore EF1002
        return rows.ToDictionary(r => r.Day, r => r.Count);
    }
}
