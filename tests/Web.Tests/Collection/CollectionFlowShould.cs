using Photocollect.Grains.Students;
using Photocollect.Grains;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains.Orders;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The collection flow the pages and the API share, on the real database with the registry simulator.</summary>
public sealed class CollectionFlowShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TakeAStudentFromCodeToOneOrderWithTheFrozenPrice()
    {
        var (order, again) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await Journeys.UnusedStudentNumberAsync(sp));
            Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Record);
            var verified = await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput("SV8S65", null, null, null, null));
            Assert.Null(verified.Problem);
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
            Assert.True(photo.Photo!.Passed, string.Join(", ", photo.Report.Failures.Select(f => f.Name)));
            var first = await flow.SubmitAsync(account.Id, campaign, photo.Photo.Id);
            var second = await flow.SubmitAsync(account.Id, campaign, photo.Photo.Id);
            return (first.Order!, second.Order!);
        });

        Assert.Equal(order.Id, again.Id);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(3000, order.PriceFen);
        Assert.StartsWith("100001-", order.Number, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseAnotherSchoolsCode()
    {
        var result = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100002", DemoSeeder.DemoStudentNumber(0));
            return await flow.ReadCodeAsync(account.Id, campaign, null, code);
        });

        Assert.Equal(CodeProblem.OtherSchool, result.Problem);
    }

    [Fact]
    public async Task ReadTheCodeFromAScreenshot()
    {
        var result = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(2));
            return await flow.ReadCodeAsync(account.Id, campaign, Codes.Screenshot(code), null);
        });

        Assert.Equal(DemoSeeder.DemoStudents[2].Name, result.Record?.Name);
    }

    [Fact]
    public async Task LockAfterFiveWrongFeatureCodes()
    {
        var results = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(3));
            await flow.ReadCodeAsync(account.Id, campaign, null, code);
            var list = new List<VerifyResult>();
            for (var i = 0; i < 6; i++)
            {
                list.Add(await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(i < 5 ? "wrong1" : DemoSeeder.FeatureCode("beifang"), null, null, null, null)));
            }

            return list;
        });

        Assert.Equal([4, 3, 2, 1], results.Take(4).Select(r => r.RemainingAttempts));
        Assert.Equal(VerifyProblem.Locked, results[4].Problem);
        Assert.Equal(VerifyProblem.Locked, results[5].Problem);  // the right code, but locked
    }

    [Fact]
    public async Task KeepOneStudentToOneAccount()
    {
        var problem = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var flow = sp.GetRequiredService<CollectionFlow>();
            var campaign = (await flow.CampaignAsync(CampaignKind.Graduation))!;
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100002", DemoSeeder.DemoStudentNumber(7));
            VerifyResult? last = null;
            foreach (var phone in new[] { AppFactory.NewPhone(), AppFactory.NewPhone() })
            {
                var account = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default);
                await flow.ReadCodeAsync(account.Id, campaign, null, code);
                last = await flow.VerifyAsync(account.Id, phone, campaign, new VerifyInput(DemoSeeder.FeatureCode("nanhu"), null, null, null, null));
            }

            return last!.Problem;
        });

        Assert.Equal(VerifyProblem.TakenByAnotherAccount, problem);
    }

    [Fact]
    public async Task AskAgainWhenTheDatabaseFailedBetweenTheVerdictAndTheRecord()
    {
        var (before, after, photo) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await StartAsync(sp);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await Journeys.UnusedStudentNumberAsync(sp));
            await flow.ReadCodeAsync(account.Id, campaign, null, code);
            // The grain recorded the verdict; the record row was never saved (the database went away in between).
            var school = sp.GetRequiredService<Photocollect.Tenancy.TenantContext>().RequiredSchool.Id;
            await sp.GetRequiredService<IGrainFactory>().Student(school, account.Id, campaign.Id).VerifyAsync(Guid.NewGuid(), correct: true);
            var before = (await flow.StateAsync(account.Id, campaign)).Step;

            var verified = await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput("SV8S65", null, null, null, null));
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
            return (before, verified.Problem, photo.Problem);
        });

        Assert.Equal(StudentStep.NeedsRecord, before);
        Assert.Null(after);
        Assert.Null(photo);
    }

    private static Task<(CollectionFlow Flow, AppUser Account, Campaign Campaign)> StartAsync(IServiceProvider sp) => Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
}
