using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Collection.Registry;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>
/// The comparison with the admission photo: the upload's face comes from its own check, the admission photo's
/// embedding is worked out at the first upload and kept with the record.
/// </summary>
public sealed class AdmissionComparisonShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task KeepTheAdmissionEmbeddingAndScoreLaterUploadsWithoutThePhoto() => await app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var (flow, accountId, campaign, recordId) = await VerifiedGraduateAsync(sp);
        var db = sp.GetRequiredService<AppDbContext>();
        var admission = await db.AdmissionPhotos.AsNoTracking().SingleAsync(a => a.RecordId == recordId);
        Assert.Null(admission.FaceEmbedding);
        var photo = Faces.GoodPhoto();

        var first = (await flow.CheckPhotoAsync(accountId, campaign, photo)).Photo!;

        var kept = Photocollect.Vision.FaceEmbedding.FromBytes((await FaceAsync(db, recordId))!);
        Assert.Equal(1024, kept.Dimensions);
        // The score of the calibration: both photos compared from scratch.
        Assert.NotNull(first.ComparisonScore);
        Assert.Equal(Photocollect.Vision.FaceComparison.Compare(photo, admission.Image, campaign.ComparisonThreshold).Score, first.ComparisonScore);

        // Later uploads use the kept embedding: they score the same with the admission photo unreadable.
        await db.AdmissionPhotos.Where(a => a.RecordId == recordId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Image, new byte[] { 1, 2, 3 }));
        var second = (await flow.CheckPhotoAsync(accountId, campaign, photo)).Photo!;
        Assert.Equal((first.ComparisonScore, first.SamePerson), (second.ComparisonScore, second.SamePerson));
    });

    [Fact]
    public async Task RememberAnAdmissionPhotoWithoutAFace() => await app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var (flow, accountId, campaign, recordId) = await VerifiedGraduateAsync(sp);
        var db = sp.GetRequiredService<AppDbContext>();
        await db.AdmissionPhotos.Where(a => a.RecordId == recordId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Image, Codes.Screenshot("no face here")));

        var photo = (await flow.CheckPhotoAsync(accountId, campaign, Faces.GoodPhoto())).Photo!;

        Assert.True(photo.Passed);
        Assert.Equal((null, null), (photo.ComparisonScore, photo.SamePerson));
        Assert.Empty((await FaceAsync(db, recordId))!);
    });

    private static Task<byte[]?> FaceAsync(AppDbContext db, Guid recordId) =>
        db.AdmissionPhotos.AsNoTracking().Where(a => a.RecordId == recordId).Select(a => a.FaceEmbedding).SingleAsync();

    // A new graduate of the first demo school, code read and verified (the simulator sends a real face as admission photo).
    private static async Task<(CollectionFlow Flow, Guid AccountId, Campaign Campaign, Guid RecordId)> VerifiedGraduateAsync(IServiceProvider sp)
    {
        var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
        var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await Journeys.UnusedStudentNumberAsync(sp));
        Assert.Null((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Problem);
        var verified = await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput("sv8s65", null, null, null, null));
        Assert.Null(verified.Problem);
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        return (flow, account.Id, campaign, verified.Record!.Id);
    }
}
