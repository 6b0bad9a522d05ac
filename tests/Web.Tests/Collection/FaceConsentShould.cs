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

/// <summary>
/// The separate consent to the face image: without it no online photo is checked (also for a student whose standards
/// step was passed before consent was asked), declining cannot be recorded as consent, and consenting keeps its time.
/// A class of its own: its own database, so its demo student is nobody else's.
/// </summary>
public sealed class FaceConsentShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RefuseAPhotoWithoutTheSeparateFaceConsent()
    {
        var (refused, consentAt) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
            var number = await Journeys.UnusedStudentNumberAsync(sp);
            Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", number))).Record);
            Assert.Null((await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput("SV8S65", null, null, null, null))).Problem);
            // The standards read (as a record from before consent was asked would be), the consent never given.
            var school = sp.GetRequiredService<Photocollect.Tenancy.TenantContext>().RequiredSchool.Id;
            await sp.GetRequiredService<IGrainFactory>().Student(school, account.Id, campaign.Id).AcknowledgeStandardsAsync();
            var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
            await Assert.ThrowsAsync<ArgumentException>(() => flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: false));
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            return (photo.Problem, (await flow.RecordAsync(account.Id, campaign))!.FaceConsentAt);
        });

        Assert.Equal("no_consent", refused);
        Assert.NotNull(consentAt);
    }
}
