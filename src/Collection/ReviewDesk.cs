using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Sms;

namespace Photocollect.Collection;

/// <summary>
/// Manual review and production (seed 003): the queue oldest first against the 48-hour target, approve or reject with
/// a maintained reason, production steps by batch, and the student's SMS on the review result and on completion
/// (<see cref="OrderNotices"/>). An SMS that fails is logged; it never undoes the decision.
/// </summary>
public sealed class ReviewDesk(AppDbContext db, TenantContext tenant, IGrainFactory grains, OrderNotices notices, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The review target: what reviewers are held to, and what a student waiting for review is told.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromHours(48);

    /// <summary>Orders waiting for review, oldest first, with the time left of the target.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return (await ListAsync(OrderStatus.PendingReview, cancellationToken)).Select(i => i with { TimeLeft = i.Waiting + Target - now }).ToList();
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

    /// <summary>Approves (待审核 → 待制作) and tells the student.</summary>
    public async Task<OrderResult> ApproveAsync(Guid orderId, string reviewer, CancellationToken cancellationToken = default)
    {
        var result = await grains.Order(tenant.RequiredSchool.Id, orderId).ApproveAsync(reviewer, cancellationToken);
        if (result.Outcome == OrderOutcome.Done)
        {
            await audit.RecordAsync(AuditActions.Approve, result.State!.Number, null, cancellationToken);
            await notices.SendAsync(orderId, SmsTemplate.ReviewApproved, null, cancellationToken);
        }

        return result;
    }

    /// <summary>Rejects with a maintained reason (待审核 → 被驳回) and tells the student what to fix.</summary>
    public async Task<OrderResult> RejectAsync(Guid orderId, string reviewer, string reasonCode, CancellationToken cancellationToken = default)
    {
        var reason = await db.RejectReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Code == reasonCode && !r.Retired, cancellationToken);
        if (reason is null)
        {
            return new OrderResult(OrderOutcome.Refused, null, "reason");
        }

        var result = await grains.Order(tenant.RequiredSchool.Id, orderId).RejectAsync(reviewer, reason.Code, cancellationToken);
        if (result.Outcome == OrderOutcome.Done)
        {
            await audit.RecordAsync(AuditActions.Reject, result.State!.Number, new { reason = reason.Code }, cancellationToken);
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
}
