using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>新生照片上传 (roster verification, no code) and 加洗照片 (reprints of a completed photo), on the real database.</summary>
public sealed class FreshmanAndReprintsShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task VerifyAFreshmanByTheRosterAloneAndCountEveryMiss()
    {
        var (results, record, admission) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var (name, lastFour) = (DemoSeeder.DemoFreshmen[0].Name, DemoSeeder.DemoIdLastFour("100001", DemoSeeder.DemoFreshmanNumber(0)));
            var list = new List<VerifyResult>
            {
                await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(null, "0000", name, DemoSeeder.DemoFreshmanNumber(0), null)),
                await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(null, lastFour, name, "2026999999", null)),
                await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(null, lastFour, "某某", DemoSeeder.DemoFreshmanNumber(0), null)),
                await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(null, lastFour.ToLowerInvariant(), $" {name} ", DemoSeeder.DemoFreshmanNumber(0), null)),
            };
            var record = await flow.RecordAsync(account.Id, campaign);
            return (list, record, await sp.GetRequiredService<PhotoFiles>().HasAdmissionPhotoAsync(record!.Id));
        });

        // A wrong last four, an unknown number and a wrong name look alike, so the roster cannot be probed.
        Assert.Equal([(VerifyProblem.Wrong, 4), (VerifyProblem.Wrong, 3), (VerifyProblem.Wrong, 2)], results.Take(3).Select(r => (r.Problem!.Value, r.RemainingAttempts)));
        Assert.Null(results[3].Problem);
        Assert.Equal((DemoSeeder.DemoFreshmen[0].Name, DemoSeeder.DemoFreshmen[0].Major, (string?)null), (record!.Name, record.Major, record.CodeHash));
        Assert.False(admission);
    }

    [Fact]
    public async Task SendAFreeOrderStraightToReview()
    {
        var order = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var db = sp.GetRequiredService<AppDbContext>();
            var kept = sp.GetRequiredService<CampaignDirectory>();
            await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PriceFen, 0));
            kept.Forget(campaign.TenantId);
            try
            {
                campaign = (await flow.CampaignAsync(campaign.Id))!;
                var n = DemoSeeder.DemoFreshmanNumber(1);
                var verified = await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign,
                    new VerifyInput(null, DemoSeeder.DemoIdLastFour("100001", n), DemoSeeder.DemoFreshmen[1].Name, n, null));
                Assert.Null(verified.Problem);
                await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
                var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
                return (await flow.SubmitAsync(account.Id, campaign, photo.Photo!.Id)).Order!;
            }
            finally
            {
                await db.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PriceFen, 1500));
                kept.Forget(campaign.TenantId);
            }
        });

        Assert.Equal((OrderStatus.PendingReview, 0L, CollectionFlow.FreeReference(order.Id)), (order.Status, order.PriceFen, order.PaymentReference));
    }

    [Fact]
    public async Task OrderReprintsOfACompletedPhotoOnceAndSendThemToProductionWhenPaid()
    {
        var (completed, pending, account) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (a, completedOrder) = await CompletedOrderAsync(sp);
            var open = await CompletedOrderAsync(sp, complete: false);
            return (completedOrder, open, a);
        });

        var results = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var reprints = sp.GetRequiredService<Reprints>();
            var request = Guid.CreateVersion7();
            var stranger = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(AppFactory.NewPhone(), default);
            return new
            {
                Options = await reprints.OptionsAsync(account),
                TooMany = await reprints.OrderAsync(account, Guid.CreateVersion7(), completed, Reprints.MaxCopies + 1),
                None = await reprints.OrderAsync(account, Guid.CreateVersion7(), completed, 0),
                NotDone = await reprints.OrderAsync(pending.Account, Guid.CreateVersion7(), pending.Order, 1),
                Stranger = await reprints.OrderAsync(stranger.Id, Guid.CreateVersion7(), completed, 1),
                First = await reprints.OrderAsync(account, request, completed, 2),
                Again = await reprints.OrderAsync(account, request, completed, 3),
            };
        });

        Assert.Equal(completed, Assert.Single(results.Options).OrderId);
        Assert.Equal("copies", results.TooMany.Problem);
        Assert.Equal("copies", results.None.Problem);
        Assert.Equal("not_found", results.NotDone.Problem);
        Assert.Equal("not_found", results.Stranger.Problem);
        var reprint = results.First.Order!;
        Assert.Equal(reprint.Id, results.Again.Order!.Id);  // the same form sent twice
        Assert.Equal((OrderKind.Reprint, 2, 2000L, OrderStatus.PendingPayment), (reprint.Kind, reprint.Copies, reprint.PriceFen, reprint.Status));

        var paid = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<IGrainFactory>().Order(sp.GetRequiredService<TenantContext>().RequiredSchool.Id, reprint.Id).PayAsync("p-reprint", 2000, "CNY"));
        Assert.Equal(OrderStatus.PendingProduction, paid.State!.Status);
    }

    /// <summary>A graduate's order taken to 已完成 (or left in review) through the flow, the grain and the review desk.</summary>
    internal static async Task<(Guid Account, Guid Order)> CompletedOrderAsync(IServiceProvider sp, bool complete = true)
    {
        var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
        var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await Journeys.UnusedStudentNumberAsync(sp));
        await flow.ReadCodeAsync(account.Id, campaign, null, code);
        await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(DemoSeeder.FeatureCode("beifang"), null, null, null, null));
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
        var order = (await flow.SubmitAsync(account.Id, campaign, photo.Photo!.Id)).Order!;
        await sp.GetRequiredService<IGrainFactory>().Order(order.TenantId, order.Id).PayAsync("p-" + order.Id, order.PriceFen, "CNY");
        if (complete)
        {
            var desk = sp.GetRequiredService<ReviewDesk>();
            await desk.ApproveAsync(order.Id, "reviewer");
            await desk.StartProductionAsync([order.Id], "staff");
            await desk.CompleteAsync([order.Id], "staff");
        }

        return (account.Id, order.Id);
    }

    private static Task<(CollectionFlow Flow, AppUser Account, Campaign Campaign)> StartAsync(IServiceProvider sp) => Journeys.NewStudentAsync(sp, CampaignKind.Freshman);
}
