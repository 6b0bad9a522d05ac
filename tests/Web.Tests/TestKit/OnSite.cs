using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Tenancy;
using Photocollect.Web.Seeding;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Steps of on-site collection at the second demo school (online + offline), inside its scope.</summary>
public static class OnSite
{
    /// <summary>
    /// A new student with a verified record of the graduation campaign: a demo student nobody has verified yet, or the
    /// roster student <paramref name="studentNumber"/> (see <see cref="Rostered"/>).
    /// </summary>
    public static async Task<(AppUser Account, Campaign Campaign)> VerifiedStudentAsync(IServiceProvider sp, string? studentNumber = null)
    {
        var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
        var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(DemoSeeder.Schools[1].Code, studentNumber ?? await Journeys.UnusedStudentNumberAsync(sp));
        Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Record);
        var verified = await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(DemoSeeder.FeatureCode(AppFactory.B), null, null, null, null));
        Assert.Null(verified.Problem);
        return (account, campaign);
    }

    /// <summary>Pays an order as the provider's confirmation would.</summary>
    public static async Task PayAsync(IServiceProvider sp, Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var school = sp.GetRequiredService<TenantContext>().RequiredSchool.Id;
        var paid = await sp.GetRequiredService<IGrainFactory>().Order(school, order.Id).PayAsync($"test:{order.Id:N}", order.PriceFen, order.Currency);
        Assert.True(paid.Succeeded, paid.Refusal);
    }

    /// <summary>The station's ticket for a session, now.</summary>
    public static string Ticket(IServiceProvider sp, CollectionSession session) =>
        sp.GetRequiredService<QueueTickets>().Issue(sp.GetRequiredService<TenantContext>().RequiredSchool.Id, session.Id).Text;

    /// <summary>A new session today with one slot of <paramref name="capacity"/> from now for two hours.</summary>
    public static Task<(CollectionSession Session, SessionSlot Slot)> NewSessionAsync(this AppFactory app, int capacity) => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!;
        var now = app.Clock.GetUtcNow();
        var session = new CollectionSession { Id = Guid.CreateVersion7(), CampaignId = campaign.Id, Place = "图书馆一楼大厅", Day = OnSiteFlow.ChinaDay(now), CreatedAt = now };
        var slot = new SessionSlot { Id = Guid.CreateVersion7(), SessionId = session.Id, StartsAt = now, EndsAt = now.AddHours(2), Capacity = capacity };
        db.CollectionSessions.Add(session);
        db.SessionSlots.Add(slot);
        await db.SaveChangesAsync();
        return (session, slot);
    });
}
