using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// Orders waiting for review, made by the services for the reviewer's pages (as many as a test needs: graduates are
/// new roster students, so the ten demo students do not run out), and their photo's automatic results set as the
/// test needs them.
/// </summary>
public static class Reviewing
{
    private static int next = Random.Shared.Next(0, 500_000);

    /// <summary>An order waiting for review.</summary>
    /// <param name="Id">The order.</param>
    /// <param name="Number">Its number.</param>
    /// <param name="PhotoId">Its photo.</param>
    /// <param name="RecordId">The student's record.</param>
    /// <param name="Name">The student's name.</param>
    public sealed record Pending(Guid Id, string Number, Guid PhotoId, Guid RecordId, string Name);

    /// <summary>
    /// A new student's order at the school <paramref name="slug"/>, checked, submitted and paid, waiting for review: a
    /// graduate verified by a collection code, or one of the demo freshmen (three per app) verified by the roster.
    /// </summary>
    public static Task<Pending> PendingAsync(this AppFactory app, string slug, CampaignKind kind = CampaignKind.Graduation) => app.InSchoolAsync(slug, async sp =>
    {
        var (flow, account, campaign) = await Journeys.NewStudentAsync(sp, kind);
        var db = sp.GetRequiredService<AppDbContext>();
        VerifyResult verified;
        if (kind == CampaignKind.Graduation)
        {
            var school = DemoSeeder.Schools.Single(s => s.Slug == slug);
            var number = await RosterStudentAsync(db, school.Code);
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(school.Code, number);
            Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Record);
            verified = await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(DemoSeeder.FeatureCode(slug), null, null, null, null));
        }
        else
        {
            var used = await db.StudentRecords.Select(r => r.StudentNumber).ToListAsync();
            var i = Enumerable.Range(0, DemoSeeder.DemoFreshmen.Count).First(i => !used.Contains(DemoSeeder.DemoFreshmanNumber(i)));
            var number = DemoSeeder.DemoFreshmanNumber(i);
            verified = await flow.VerifyFromRosterAsync(account.Id, account.PhoneNumber!, campaign,
                new VerifyInput(null, DemoSeeder.DemoIdLastFour(DemoSeeder.Schools[0].Code, number), DemoSeeder.DemoFreshmen[i].Name, number, null));
        }

        Assert.Null(verified.Problem);
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        var photo = (await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto())).Photo!;
        var order = (await flow.SubmitAsync(account.Id, campaign, photo.Id)).Order!;
        var paid = await sp.GetRequiredService<IGrainFactory>().Order(order.TenantId, order.Id).PayAsync("p-" + order.Id, order.PriceFen, "CNY");
        Assert.Equal(OrderStatus.PendingReview, paid.State!.Status);
        var name = await db.StudentRecords.Where(r => r.Id == order.RecordId).Select(r => r.Name).SingleAsync();
        return new Pending(order.Id, order.Number, photo.Id, order.RecordId, name);
    });

    /// <summary>
    /// Sets what the machine found on an order's photo: whether every check passed, the admission-photo comparison
    /// (null: not compared) and, when given, one check that failed with its message key.
    /// </summary>
    public static Task SetPhotoAsync(this AppFactory app, string slug, Pending order, bool passed, bool? samePerson, double? score, string? failing = null, string? failingKey = null) =>
        app.InSchoolAsync(slug, async sp =>
        {
            ArgumentNullException.ThrowIfNull(order);
            var db = sp.GetRequiredService<AppDbContext>();
            var checks = await db.Photos.Where(p => p.Id == order.PhotoId).Select(p => p.Checks).SingleAsync();
            if (failing is not null)
            {
                var list = JsonNode.Parse(checks)!.AsArray();
                var check = list.Single(c => (string?)c!["name"] == failing)!;
                check["pass"] = false;
                check["key"] = failingKey;
                check["message"] = failingKey;
                checks = list.ToJsonString();
            }

            await db.Photos.Where(p => p.Id == order.PhotoId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Passed, passed)
                .SetProperty(p => p.SamePerson, samePerson)
                .SetProperty(p => p.ComparisonScore, score)
                .SetProperty(p => p.Checks, checks));
        });

    /// <summary>The order's status now.</summary>
    public static Task<OrderStatus> StatusAsync(this AppFactory app, string slug, Guid orderId) => app.InSchoolAsync(slug, sp =>
        sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync());

    // A student added to the school's roster for this test (the registry simulator issues codes for roster students).
    private static async Task<string> RosterStudentAsync(AppDbContext db, string schoolCode)
    {
        var number = $"2028{Interlocked.Increment(ref next) % 1_000_000:000000}";
        var (_, level, college, major) = DemoSeeder.DemoStudents[0];
        db.Roster.Add(new RosterEntry
        {
            StudentNumber = number,
            Name = "审核" + number[^4..],
            IdLastFour = SimulatedIdentity.For(schoolCode, number).IdNumber[^4..],
            Level = level,
            College = college,
            Major = major,
        });
        await db.SaveChangesAsync();
        return number;
    }
}
