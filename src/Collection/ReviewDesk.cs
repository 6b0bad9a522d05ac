using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Sms;

namespace Photocollect.Collection;

/// <summary>
/// Manual review and production (seed 003): the queue oldest first against the 48-hour target, approve or reject with
/// a maintained reason and an optional note to the student, approval in a batch of what the machine passed
/// (<see cref="AutomaticVerdict"/>), production steps by batch, and the student's SMS on the review result and on
/// completion (<see cref="OrderNotices"/>). An SMS that fails is logged; it never undoes the decision.
/// </summary>
/// <remarks>
/// The note is not sent by SMS: the providers' approved templates have a fixed set of variables, each a few dozen
/// characters at most and without contact details, so a free text of up to 200 characters would get the whole message
/// refused. The SMS gives the maintained reason and sends the student to 我的订单, where the order page shows the note.
/// </remarks>
public sealed class ReviewDesk(AppDbContext db, TenantContext tenant, IGrainFactory grains, OrderNotices notices, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The review target: what reviewers are held to, and what a student waiting for review is told.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromHours(48);

    /// <summary>The longest note to the student a rejection may carry.</summary>
    public const int MaxNoteLength = OrderChange.MaxRemarkLength;

    /// <summary>The most orders one batch approval takes (the queue page shows at most this many).</summary>
    public const int MaxBatch = 500;

    /// <summary>Orders waiting for review, oldest first, with the time left of the target and what the machine found.</summary>
    public async Task<IReadOnlyList<ReviewItem>> QueueAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync(Rows().Where(r => r.Status == OrderStatus.PendingReview).OrderBy(r => r.UpdatedAt).ThenBy(r => r.OrderId).Take(MaxBatch), cancellationToken);

    /// <summary>One order of the school as the reviewer sees it, whatever its status; null when the school has no such order.</summary>
    public async Task<ReviewItem?> ItemAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(Rows().Where(r => r.OrderId == orderId), cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The waiting order to review after <paramref name="current"/>, which waited since <paramref name="since"/>: the
    /// next one in the queue's order, or from the top again (so orders skipped stay behind); null when none waits.
    /// </summary>
    public async Task<Guid?> NextAsync(Guid current, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var waiting = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingReview && o.Id != current);
        var later = await waiting.Where(o => o.UpdatedAt > since).OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        return later ?? await waiting.OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Orders of a status, longest in it first.</summary>
    public async Task<IReadOnlyList<QueueItem>> ListAsync(OrderStatus status, CancellationToken cancellationToken = default)
    {
        var rows = await db.Orders.AsNoTracking().Where(o => o.Status == status).OrderBy(o => o.UpdatedAt)
            .Join(db.StudentRecords, o => o.RecordId, r => r.Id, (o, r) => new { o.Id, o.Number, o.Kind, o.CampaignId, r.Name, r.StudentNumber, o.UpdatedAt })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.Id, x.Number, x.Kind, x.Name, x.StudentNumber, x.UpdatedAt, Campaign = c.Kind })
            .Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => new QueueItem(r.Id, r.Number, r.Name, r.StudentNumber, r.UpdatedAt, TimeSpan.Zero, r.Kind, r.Campaign)).ToList();
    }

    /// <summary>The queue now and today's decisions, the reviewer's (<paramref name="reviewer"/>, their account) and the school's.</summary>
    public async Task<ReviewDay> DayAsync(Guid reviewer, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var china = now.ToOffset(OrderNumbers.ChinaOffset);
        var dayStart = new DateTimeOffset(china.Date, OrderNumbers.ChinaOffset).ToUniversalTime();
        var lateBefore = now - Target;
        var waiting = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingReview);
        var count = await waiting.CountAsync(cancellationToken);
        var late = await waiting.CountAsync(o => o.UpdatedAt <= lateBefore, cancellationToken);
        var oldest = await waiting.MinAsync(o => (DateTimeOffset?)o.UpdatedAt, cancellationToken);
        var decisions = await db.AuditEvents.AsNoTracking()
            .Where(e => (e.Action == AuditActions.Approve || e.Action == AuditActions.Reject) && e.At >= dayStart)
            .GroupBy(e => new { e.Action, Mine = e.AccountId == reviewer })
            .Select(g => new { g.Key.Action, g.Key.Mine, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Sum(string action, bool mineOnly) => decisions.Where(d => d.Action == action && (d.Mine || !mineOnly)).Sum(d => d.Count);
        return new ReviewDay(count, late, oldest, oldest + Target - now, Sum(AuditActions.Approve, true), Sum(AuditActions.Reject, true), Sum(AuditActions.Approve, false), Sum(AuditActions.Reject, false));
    }

    /// <summary>
    /// The resource key of an order's type as reviewers and students see it (<see cref="OrderLabels.KindKey"/>: 新生照片
    /// for a freshman campaign's order, else 集采, 零采 or 加洗), or null when there is no such order.
    /// </summary>
    public async Task<string?> KindKeyAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        (await db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Join(db.Campaigns, o => o.CampaignId, c => c.Id, (o, c) => new { o.Kind, Campaign = c.Kind })
            .SingleOrDefaultAsync(cancellationToken)) is { } found ? OrderLabels.KindKey(found.Kind, found.Campaign) : null;

    /// <summary>The reasons a reviewer may give now.</summary>
    public async Task<IReadOnlyList<RejectReason>> ReasonsAsync(CancellationToken cancellationToken = default) =>
        await db.RejectReasons.AsNoTracking().Where(r => !r.Retired).OrderBy(r => r.Position).ToListAsync(cancellationToken);

    /// <summary>Approves (待审核 → 待制作) and tells the student; given <paramref name="photoId"/>, only while the order holds that photo.</summary>
    public Task<OrderResult> ApproveAsync(Guid orderId, string reviewer, Guid? photoId = null, CancellationToken cancellationToken = default) =>
        ApproveOneAsync(orderId, reviewer, photoId, batch: false, cancellationToken);

    /// <summary>
    /// Approves in one go the orders of <paramref name="orderIds"/> that may be (<see cref="ReviewItem.BatchEligible"/>),
    /// each checked again here, whatever the page that sent them showed: an id of no order of this school, an order
    /// decided meanwhile or one whose photo did not pass everything is skipped and reported. Each approval is audited
    /// and told to the student as a single one is.
    /// </summary>
    public async Task<BatchApproval> ApproveBatchAsync(IEnumerable<Guid> orderIds, string reviewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var ids = orderIds.Distinct().Take(MaxBatch).ToList();
        var items = (await ReadAsync(Rows().Where(r => ids.Contains(r.OrderId)), cancellationToken)).ToDictionary(i => i.OrderId);
        var approved = new List<string>();
        var skipped = new List<BatchSkip>();
        foreach (var id in ids)
        {
            if (!items.TryGetValue(id, out var item))
            {
                skipped.Add(new BatchSkip(null, "not_found"));
                continue;
            }

            if (item.Status != OrderStatus.PendingReview || !item.BatchEligible)
            {
                skipped.Add(new BatchSkip(item.Number, item.Status != OrderStatus.PendingReview ? "status" : "ineligible"));
                continue;
            }

            var result = await ApproveOneAsync(id, reviewer, item.PhotoId, batch: true, cancellationToken);
            if (result.Outcome == OrderOutcome.Done)
            {
                approved.Add(item.Number);
            }
            else
            {
                skipped.Add(new BatchSkip(item.Number, result.Refusal == "photo" ? "photo" : "status"));
            }
        }

        return new BatchApproval(approved, skipped);
    }

    /// <summary>
    /// Rejects with a maintained reason (待审核 → 被驳回) and an optional note to the student (trimmed; refused as
    /// <c>note</c> over <see cref="MaxNoteLength"/> characters), and tells the student what to fix. Given
    /// <paramref name="photoId"/>, only while the order holds that photo.
    /// </summary>
    public async Task<OrderResult> RejectAsync(Guid orderId, string reviewer, string reasonCode, string? note = null, Guid? photoId = null, CancellationToken cancellationToken = default)
    {
        var reason = string.IsNullOrEmpty(reasonCode) ? null
            : await db.RejectReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Code == reasonCode && !r.Retired, cancellationToken);
        if (reason is null)
        {
            return new OrderResult(OrderOutcome.Refused, null, "reason");
        }

        var remark = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (remark is { Length: > MaxNoteLength })
        {
            return new OrderResult(OrderOutcome.Refused, null, "note");
        }

        var result = await grains.Order(tenant.RequiredSchool.Id, orderId).RejectAsync(reviewer, reason.Code, remark, photoId, cancellationToken);
        if (result.Outcome == OrderOutcome.Done)
        {
            await audit.RecordAsync(AuditActions.Reject, result.State!.Number, new { reason = reason.Code, note = remark }, cancellationToken);
            await notices.SendAsync(orderId, SmsTemplate.ReviewRejected, reason.Title, cancellationToken);
        }

        return result;
    }

    /// <summary>Starts production of several orders (待制作 → 制作中); returns how many moved.</summary>
    public async Task<int> StartProductionAsync(IEnumerable<Guid> orderIds, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var moved = 0;
        foreach (var id in orderIds.Distinct())
        {
            moved += (await grains.Order(tenant.RequiredSchool.Id, id).StartProductionAsync(actor, cancellationToken)).Outcome == OrderOutcome.Done ? 1 : 0;
        }

        return moved;
    }

    /// <summary>Completes several orders (制作中 → 已完成) and tells each student; returns how many moved.</summary>
    public async Task<int> CompleteAsync(IEnumerable<Guid> orderIds, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var moved = 0;
        foreach (var id in orderIds.Distinct())
        {
            var result = await grains.Order(tenant.RequiredSchool.Id, id).CompleteAsync(actor, cancellationToken);
            if (result.Outcome == OrderOutcome.Done)
            {
                moved++;
                await notices.SendAsync(id, SmsTemplate.Completed, null, cancellationToken);
            }
        }

        return moved;
    }

    private async Task<OrderResult> ApproveOneAsync(Guid orderId, string reviewer, Guid? photoId, bool batch, CancellationToken cancellationToken)
    {
        var result = await grains.Order(tenant.RequiredSchool.Id, orderId).ApproveAsync(reviewer, photoId, cancellationToken);
        if (result.Outcome == OrderOutcome.Done)
        {
            await audit.RecordAsync(AuditActions.Approve, result.State!.Number, batch ? new { batch = true } : null, cancellationToken);
            await notices.SendAsync(orderId, SmsTemplate.ReviewApproved, null, cancellationToken);
        }

        return result;
    }

    // Orders with their student, campaign and photo, and whether the student has an admission photo (an EXISTS: the
    // image itself is not read).
    private IQueryable<Row> Rows() =>
        from o in db.Orders.AsNoTracking()
        join r in db.StudentRecords on o.RecordId equals r.Id
        join c in db.Campaigns on o.CampaignId equals c.Id
        join p in db.Photos on o.PhotoId equals (Guid?)p.Id into photos
        from p in photos.DefaultIfEmpty()
        select new Row
        {
            OrderId = o.Id,
            Number = o.Number,
            Status = o.Status,
            UpdatedAt = o.UpdatedAt,
            Name = r.Name,
            Gender = r.Gender,
            StudentNumber = r.StudentNumber,
            Kind = c.Kind,
            Compares = c.CompareWithAdmission,
            Threshold = c.ComparisonThreshold,
            PhotoId = o.PhotoId,
            Passed = p != null && p.Passed,
            Score = p == null ? null : p.ComparisonScore,
            SamePerson = p == null ? null : p.SamePerson,
            HasAdmissionPhoto = db.AdmissionPhotos.Any(a => a.RecordId == r.Id),
        };

    private async Task<List<ReviewItem>> ReadAsync(IQueryable<Row> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return (await rows.ToListAsync(cancellationToken)).Select(r => new ReviewItem(
            r.OrderId, r.Number, r.Status, r.Name, r.Gender, r.StudentNumber, r.Kind, r.UpdatedAt, r.UpdatedAt + Target - now,
            r.PhotoId, r.Score, r.SamePerson, r.Compares ? r.Threshold : null, r.HasAdmissionPhoto, Verdict(r))).ToList();
    }

    private static AutomaticVerdict Verdict(Row r) =>
        r.PhotoId is null ? AutomaticVerdict.NoPhoto
        : !r.Passed ? AutomaticVerdict.ChecksFailed
        : r.SamePerson == false ? AutomaticVerdict.ComparisonFailed
        : r.SamePerson is null && r.Compares && r.HasAdmissionPhoto ? AutomaticVerdict.ComparisonMissing
        : AutomaticVerdict.AllPassed;

    private sealed class Row
    {
        public Guid OrderId { get; init; }

        public string Number { get; init; } = "";

        public OrderStatus Status { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public string Name { get; init; } = "";

        public string Gender { get; init; } = "";

        public string StudentNumber { get; init; } = "";

        public CampaignKind Kind { get; init; }

        public bool Compares { get; init; }

        public double Threshold { get; init; }

        public Guid? PhotoId { get; init; }

        public bool Passed { get; init; }

        public double? Score { get; init; }

        public bool? SamePerson { get; init; }

        public bool HasAdmissionPhoto { get; init; }
    }
}
