using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Tenancy;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The on-site desk: staff book for a student who could not, and correct a record before the shoot, on the record.</summary>
public sealed class OnSiteDeskShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ValidId = "11010519491231002X";

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]  // wrong check digit
    [InlineData("11010519491331002X", false)]  // no 13th month
    [InlineData("1101051949123100", false)]
    [InlineData("", false)]
    public void KnowAValidIdNumber(string id, bool valid) => Assert.Equal(valid, IdNumber.IsValid(id));

    [Fact]
    public async Task CorrectARecordBeforeTheShootAndKeepWhoWhenWhatAndWhy()
    {
        var (problems, corrections, record) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var desk = sp.GetRequiredService<OnSiteDesk>();
            var found = Assert.Single(await desk.FindAsync(campaign, account.PhoneNumber));
            var id = found.Record.Id;
            var problems = new[]
            {
                await desk.CorrectAsync(campaign, id, "张三", "110105194912310021", "证件核对", "photographer@nanhu.demo"),
                await desk.CorrectAsync(campaign, id, "张三", ValidId, " ", "photographer@nanhu.demo"),
                await desk.CorrectAsync(campaign, id, "", ValidId, "证件核对", "photographer@nanhu.demo"),
                await desk.CorrectAsync(campaign, id, "张三", ValidId.ToLowerInvariant(), "核对身份证原件", "photographer@nanhu.demo"),
            };
            var db = sp.GetRequiredService<AppDbContext>();
            return (problems, await db.RecordCorrections.AsNoTracking().Where(c => c.RecordId == id).OrderBy(c => c.Field).ToListAsync(),
                await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == id));
        });

        Assert.Equal(new string?[] { "bad_id", "no_reason", "bad_name", null }, problems);
        Assert.Equal(("张三", ValidId), (record.Name, record.IdNumber));
        Assert.Equal(["IdNumber", "Name"], corrections.Select(c => c.Field));
        Assert.All(corrections, c => Assert.Equal(("photographer@nanhu.demo", "核对身份证原件"), (c.By, c.Reason)));
        Assert.Equal("张三", corrections[1].NewValue);
    }

    [Fact]
    public async Task CorrectTheSchoolRecordKeepingAnIdNumberLeftEmpty()
    {
        var (problems, corrections, record, before) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var (other, _) = await OnSite.VerifiedStudentAsync(sp);
            var desk = sp.GetRequiredService<OnSiteDesk>();
            var db = sp.GetRequiredService<AppDbContext>();
            var mine = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.AccountId == account.Id);
            var theirs = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.AccountId == other.Id);
            var problems = new[]
            {
                await desk.CorrectAsync(campaign, mine.Id, mine.Name, "", "学籍核对", "admin@nanhu.demo", new RecordFields("20-23/1", null, null, null)),
                await desk.CorrectAsync(campaign, mine.Id, mine.Name, "", "学籍核对", "admin@nanhu.demo", new RecordFields(null, "幼儿园", null, null)),
                await desk.CorrectAsync(campaign, mine.Id, mine.Name, "", "学籍核对", "admin@nanhu.demo", new RecordFields(theirs.StudentNumber, null, null, null)),
                // A level the campaign collects other than the student's (the demo roster has several).
                await desk.CorrectAsync(campaign, mine.Id, mine.Name, "", "学籍核对", "admin@nanhu.demo", new RecordFields("2023999999", campaign.Levels.First(l => l != mine.Level), "数学学院", "应用数学")),
            };
            return (problems, await db.RecordCorrections.AsNoTracking().Where(c => c.RecordId == mine.Id).OrderBy(c => c.Field).ToListAsync(),
                await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == mine.Id), mine);
        });

        Assert.Equal(new string?[] { "bad_student_number", "bad_level", "taken_student_number", null }, problems);
        Assert.NotEqual(before.Level, record.Level);
        Assert.Equal(("2023999999", "数学学院", "应用数学"), (record.StudentNumber, record.College, record.Major));
        Assert.Equal(before.IdNumber, record.IdNumber);  // left empty: kept
        Assert.Equal(["College", "Level", "Major", "StudentNumber"], corrections.Select(c => c.Field));
        Assert.Equal(before.StudentNumber, corrections.Single(c => c.Field == "StudentNumber").OldValue);
    }

    [Fact]
    public async Task RefuseACorrectionOnceThePhotoIsTaken()
    {
        var problem = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var flow = sp.GetRequiredService<CollectionFlow>();
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
            var order = (await flow.SubmitAsync(account.Id, campaign, photo.Photo!.Id)).Order!;
            var school = sp.GetRequiredService<TenantContext>().RequiredSchool.Id;
            await sp.GetRequiredService<IGrainFactory>().Order(school, order.Id).PayAsync($"test:{order.Id:N}", order.PriceFen, order.Currency);
            var record = (await sp.GetRequiredService<OnSiteDesk>().FindAsync(campaign, account.PhoneNumber))[0].Record;
            return await sp.GetRequiredService<OnSiteDesk>().CorrectAsync(campaign, record.Id, "李四", ValidId, "核对", "admin@nanhu.demo");
        });

        Assert.Equal("shot", problem);
    }

    [Fact]
    public async Task BookForAStudentEvenWhereStudentsMayNotBook()
    {
        var (byStudent, byStaff) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
            var onSite = sp.GetRequiredService<OnSiteFlow>();
            var order = (await onSite.StartAsync(account.Id, campaign)).Value!;
            var school = sp.GetRequiredService<TenantContext>().RequiredSchool.Id;
            await sp.GetRequiredService<IGrainFactory>().Order(school, order.Id).PayAsync($"test:{order.Id:N}", order.PriceFen, order.Currency);
            var closed = new Campaign { Id = campaign.Id, Name = campaign.Name, CaptureMode = campaign.CaptureMode, BookingEnabled = false, StartsAt = campaign.StartsAt, EndsAt = campaign.EndsAt };
            var slot = (await onSite.SessionsAsync(campaign)).SelectMany(s => s.Slots).First(s => s.Remaining > 0).Slot;
            var record = (await sp.GetRequiredService<OnSiteDesk>().FindAsync(campaign, account.PhoneNumber))[0].Record;
            return (await onSite.BookAsync(account.Id, closed, slot.Id, bookedBy: null),
                await sp.GetRequiredService<OnSiteDesk>().BookAsync(closed, record.Id, slot.Id, "photographer@nanhu.demo"));
        });

        Assert.Equal("booking_off", byStudent.Problem);
        Assert.Equal("photographer@nanhu.demo", byStaff.Value!.Booking.BookedBy);
    }
}
