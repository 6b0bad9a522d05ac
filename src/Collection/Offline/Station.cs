using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Queues;
using Photocollect.Tenancy;

namespace Photocollect.Collection.Offline;

/// <summary>
/// The photographer's station for one session (seed 004): the queue QR's current ticket, calling the next number
/// (叫号), a missed number (过号, as the campaign says), and the called student's photo, checked at once and, when it
/// passes, sent on to review like an online photo (the order goes 已支付 → 待审核).
/// </summary>
public sealed class Station(AppDbContext db, TenantContext tenant, IGrainFactory grains, CollectionFlow flow, QueueTickets tickets)
{
    /// <summary>The session and its campaign, or null when the school has no such session.</summary>
    public async Task<(CollectionSession Session, Campaign Campaign)?> SessionAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var session = await db.CollectionSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var campaign = session is null ? null : await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == session.CampaignId, cancellationToken);
        return session is null || campaign is null ? null : (session, campaign);
    }

    /// <summary>A fresh ticket for the session's queue QR.</summary>
    public QueueTicket Ticket(CollectionSession session) =>
        tickets.Issue(tenant.RequiredSchool.Id, (session ?? throw new ArgumentNullException(nameof(session))).Id);

    /// <summary>The queue as it stands.</summary>
    public Task<QueueBoard> BoardAsync(CollectionSession session, CancellationToken cancellationToken = default) => Queue(session).BoardAsync(cancellationToken);

    /// <summary>叫号: the next number, unless another call happened since the station showed <paramref name="shownCalled"/>.</summary>
    public Task<QueueBoard> CallNextAsync(CollectionSession session, int shownCalled, CancellationToken cancellationToken = default) =>
        Queue(session).CallNextAsync(shownCalled, cancellationToken);

    /// <summary>过号: the called number did not come; to the end of the line or back to the scanner, as the campaign says.</summary>
    public Task<QueueBoard> MissAsync(CollectionSession session, Campaign campaign, int number, CancellationToken cancellationToken = default) =>
        Queue(session).MissAsync(number, (campaign ?? throw new ArgumentNullException(nameof(campaign))).MissedGoesToEnd, cancellationToken);

    /// <summary>
    /// A called number's photo: checked as an online photo is; a passed one goes to review on the student's order and
    /// the number counts as photographed; a failed one is shown so the photographer can retake at once. Any number
    /// called and not yet photographed or missed may be given (the photographer may shoot several, then upload).
    /// </summary>
    public async Task<ShotResult> ShootAsync(CollectionSession session, Campaign campaign, int number, byte[] photo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(campaign);
        var board = await Queue(session).BoardAsync(cancellationToken);
        if (board.Open.FirstOrDefault(e => e.Number == number) is not { } entry)
        {
            return new(null, null, null, "not_called");
        }

        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == entry.OrderId, cancellationToken);
        var checkedPhoto = await flow.CheckPhotoAsync(order.AccountId, campaign, photo, requireConsent: false, cancellationToken);
        if (checkedPhoto.Problem is not null || checkedPhoto.Photo is not { Passed: true } passed)
        {
            return new(checkedPhoto.Photo, checkedPhoto.Report, null, checkedPhoto.Problem);
        }

        var submitted = await flow.SubmitAsync(order.AccountId, campaign, passed.Id, cancellationToken);
        if (submitted.Problem is not null)
        {
            return new(passed, checkedPhoto.Report, submitted.Order, submitted.Problem);
        }

        await Queue(session).ShotAsync(number, cancellationToken);
        return new(passed, checkedPhoto.Report, submitted.Order, null);
    }

    /// <summary>
    /// Several photos at once (the photographer shot a few students, then uploads the files): the photos go to the
    /// numbers called and not yet photographed, in number order, one each; photos beyond them are not used.
    /// </summary>
    public async Task<IReadOnlyList<(int Number, ShotResult Result)>> ShootSeveralAsync(CollectionSession session, Campaign campaign, IReadOnlyList<byte[]> photos, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photos);
        var open = (await Queue(session).BoardAsync(cancellationToken)).Open.Select(e => e.Number).Order().ToList();
        var results = new List<(int, ShotResult)>();
        foreach (var (number, photo) in open.Zip(photos))
        {
            results.Add((number, await ShootAsync(session, campaign, number, photo, cancellationToken)));
        }

        return results;
    }

    private ISessionQueueGrain Queue(CollectionSession session) => grains.SessionQueue(tenant.RequiredSchool.Id, session.Id);
}
