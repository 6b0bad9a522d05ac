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
            var old = tickets.Issue(school, session.Id).Text;
            app.Clock.Advance(QueueTickets.Lifetime + TimeSpan.FromSeconds(1));
            var expired = await onSite.TakeNumberAsync(account.Id, campaign, old);
            app.Clock.Advance(-(QueueTickets.Lifetime + TimeSpan.FromSeconds(1)));
            return new[] { forged.Problem, otherSchool.Problem, noSuchSession.Problem, expired.Problem };
        });

        Assert.Equal(new string?[] { "forged", "other_school", "other_campaign", "expired" }, problems);
    }
}
