using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Queues;
using Photocollect.Tenancy;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>
/// On-site collection at the school sold as online + offline: pay before the day, book a slot, take a number with the
/// station's ticket, be called and photographed; the order goes on to review as an online one does.
/// </summary>
public sealed class OnSiteFlowShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TakeAPaidStudentFromBookingThroughTheQueueToReview()
    {
        var (session, slot) = await app.NewSessionAsync(capacity: 1);
        var outcome = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var onSite = sp.GetRequiredService<OnSiteFlow>();
            var started = await onSite.StartAsync(account.Id, campaign);
            var unpaidNumber = await onSite.TakeNumberAsync(account.Id, campaign, OnSite.Ticket(sp, session));
            await OnSite.PayAsync(sp, started.Value!);
            var booked = await onSite.BookAsync(account.Id, campaign, slot.Id, bookedBy: null);
            var place = await onSite.TakeNumberAsync(account.Id, campaign, OnSite.Ticket(sp, session));
            var again = await onSite.TakeNumberAsync(account.Id, campaign, OnSite.Ticket(sp, session));

            var station = sp.GetRequiredService<Station>();
            var beforeCall = await station.ShootAsync(session, campaign, place.Value!.Number, Faces.GoodPhoto());
            var called = await station.CallNextAsync(session, 0);
            var shot = await station.ShootAsync(session, campaign, called.Called, Faces.GoodPhoto());
            var state = await onSite.StateAsync(account.Id, campaign);
            return (started, unpaidNumber, booked, place, again, beforeCall, shot, state);
        });

        Assert.Equal(OrderStatus.PendingPayment, outcome.started.Value!.Status);
        Assert.Null(outcome.started.Value.PhotoId);
        Assert.Equal("not_paid", outcome.unpaidNumber.Problem);
        Assert.Equal(slot.Id, outcome.booked.Value!.Slot.Id);
        Assert.Equal((1, 0), (outcome.place.Value!.Number, outcome.place.Value.Ahead));
        Assert.Equal(1, outcome.again.Value!.Number);
        Assert.Equal("not_called", outcome.beforeCall.Problem);
        Assert.Null(outcome.shot.Problem);
        Assert.Equal(OrderStatus.PendingReview, outcome.shot.Order!.Status);
        Assert.Equal(QueueEntryStatus.Shot, outcome.state.Place!.Status);
        Assert.Equal(outcome.booked.Value.Slot.Id, outcome.state.Booking!.Slot.Id);
    }

    [Fact]
    public async Task KeepASlotToItsCapacityWhenStudentsBookAtOnce()
    {
        var (_, slot) = await app.NewSessionAsync(capacity: 3);
        var students = new List<(AppUser Account, Campaign Campaign)>();
        for (var i = 0; i < 6; i++)
        {
            students.Add(await app.InSchoolAsync(AppFactory.B, async sp =>
            {
                var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
                await OnSite.PayAsync(sp, (await sp.GetRequiredService<OnSiteFlow>().StartAsync(account.Id, campaign)).Value!);
                return (account, campaign);
            }));
        }

        var results = await Task.WhenAll(students.Select(s => Task.Run(() => app.InSchoolAsync(AppFactory.B, sp =>
            sp.GetRequiredService<OnSiteFlow>().BookAsync(s.Account.Id, s.Campaign, slot.Id, bookedBy: null)))));

        Assert.Equal(3, results.Count(r => r.Problem is null));
        Assert.Equal(3, results.Count(r => r.Problem == "full"));
        Assert.Equal(3, await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().SlotBookings.CountAsync(b => b.SlotId == slot.Id)));
    }

    [Fact]
    public async Task MoveABookingToAnotherSlotButNotIntoAFullOrFinishedOne()
    {
        var (_, first) = await app.NewSessionAsync(capacity: 2);
        var (_, second) = await app.NewSessionAsync(capacity: 2);
        var (_, full) = await app.NewSessionAsync(capacity: 1);
        var (_, over) = await app.NewSessionAsync(capacity: 5);
        var outcome = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var onSite = sp.GetRequiredService<OnSiteFlow>();
            async Task<(AppUser Account, Campaign Campaign)> PaidAsync()
            {
                var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
                await OnSite.PayAsync(sp, (await onSite.StartAsync(account.Id, campaign)).Value!);
                return (account, campaign);
            }

            var (other, otherCampaign) = await PaidAsync();
            Assert.Null((await onSite.BookAsync(other.Id, otherCampaign, full.Id, bookedBy: null)).Problem);
            var (account, campaign) = await PaidAsync();
            var booked = await onSite.BookAsync(account.Id, campaign, first.Id, bookedBy: null);
            var moved = await onSite.BookAsync(account.Id, campaign, second.Id, bookedBy: null);
            var same = await onSite.BookAsync(account.Id, campaign, second.Id, bookedBy: null);
            var intoFull = await onSite.BookAsync(account.Id, campaign, full.Id, bookedBy: null);
            var db = sp.GetRequiredService<AppDbContext>();
            await db.SessionSlots.Where(s => s.Id == over.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndsAt, app.Clock.GetUtcNow().AddMinutes(-1)));
            var intoOver = await onSite.BookAsync(account.Id, campaign, over.Id, bookedBy: null);
            var counts = await db.SlotBookings.GroupBy(b => b.SlotId).ToDictionaryAsync(g => g.Key, g => g.Count());
            var state = await onSite.StateAsync(account.Id, campaign);
            return (booked.Problem, moved.Problem, same.Problem, intoFull.Problem, intoOver.Problem, counts, state.Booking!.Slot.Id);
        });

        Assert.Equal(((string?)null, (string?)null, (string?)null, "full", "slot_over"), (outcome.Item1, outcome.Item2, outcome.Item3, outcome.Item4, outcome.Item5));
        Assert.Equal(0, outcome.counts.GetValueOrDefault(first.Id));
        Assert.Equal(1, outcome.counts.GetValueOrDefault(second.Id));
        Assert.Equal(1, outcome.counts.GetValueOrDefault(full.Id));
        Assert.Equal(second.Id, outcome.Item7);
    }

    [Fact]
    public async Task RefuseForgedExpiredAndOtherCampaignsTickets()
    {
        var (session, _) = await app.NewSessionAsync(capacity: 5);
        var problems = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var onSite = sp.GetRequiredService<OnSiteFlow>();
            await OnSite.PayAsync(sp, (await onSite.StartAsync(account.Id, campaign)).Value!);
            var tickets = sp.GetRequiredService<QueueTickets>();
            var school = sp.GetRequiredService<TenantContext>().RequiredSchool.Id;
            var forged = await onSite.TakeNumberAsync(account.Id, campaign, "not-a-ticket");
            var otherSchool = await onSite.TakeNumberAsync(account.Id, campaign, tickets.Issue(Guid.NewGuid(), session.Id).Text);
            var noSuchSession = await onSite.TakeNumberAsync(account.Id, campaign, tickets.Issue(school, Guid.NewGuid()).Text);
            // A real session of the school's other campaign (its freshman upload): neither a number nor a booking there.
            var db = sp.GetRequiredService<AppDbContext>();
            var freshman = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign.Id);
            freshman.Id = Guid.CreateVersion7();
            freshman.Kind = CampaignKind.Freshman;
            freshman.Name = "2026级新生照片采集";
            var elsewhere = new CollectionSession { Id = Guid.CreateVersion7(), CampaignId = freshman.Id, Place = "体育馆", Day = session.Day, CreatedAt = app.Clock.GetUtcNow() };
            var elsewhereSlot = new SessionSlot { Id = Guid.CreateVersion7(), SessionId = elsewhere.Id, StartsAt = app.Clock.GetUtcNow(), EndsAt = app.Clock.GetUtcNow().AddHours(2), Capacity = 5 };
            db.AddRange(freshman, elsewhere, elsewhereSlot);
            await db.SaveChangesAsync();
            var otherCampaign = await onSite.TakeNumberAsync(account.Id, campaign, tickets.Issue(school, elsewhere.Id).Text);
            var otherCampaignSlot = await onSite.BookAsync(account.Id, campaign, elsewhereSlot.Id, bookedBy: null);
            var old = tickets.Issue(school, session.Id).Text;
            app.Clock.Advance(QueueTickets.Lifetime + TimeSpan.FromSeconds(1));
            var expired = await onSite.TakeNumberAsync(account.Id, campaign, old);
            app.Clock.Advance(-(QueueTickets.Lifetime + TimeSpan.FromSeconds(1)));
            return new[] { forged.Problem, otherSchool.Problem, noSuchSession.Problem, otherCampaign.Problem, otherCampaignSlot.Problem, expired.Problem };
        });

        Assert.Equal(new string?[] { "forged", "other_school", "other_campaign", "other_campaign", "no_slot", "expired" }, problems);
    }
}
