using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The school admin's campaign page. Its own app: the test closes the demo window.</summary>
public sealed class CampaignSettingsShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RefuseBadValuesAndSaveNothing()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.FeatureCode"] = "abc",
            ["Input.StartsAt"] = "2027-06-30T00:00",
            ["Input.EndsAt"] = "2027-06-01T00:00",
            ["Input.Price"] = "-1",
        }));
        var (_, after) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");

        Assert.Equal(["Campaign.Error.FeatureCode", "Campaign.Error.Order", "Campaign.Error.Price"],
            refused.QuerySelectorAll("[data-error]").Select(e => e.GetAttribute("data-error")));
        Assert.Equal(DemoSeeder.FeatureCode("nanhu"), after.QuerySelector("#FeatureCode")?.GetAttribute("value"));
    }

    [Fact]
    public async Task MoveTheWindowAndTellStudentsWhenItOpens()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");
        var start = DateTime.UtcNow.AddHours(8).AddDays(10);

        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.StartsAt"] = start.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.EndsAt"] = start.AddDays(20).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Price"] = "28.50",
        }));
        var student = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());
        var (_, collect) = await Html.GetAsync(student, "/s/nanhu/collect");

        Assert.NotNull(saved.QuerySelector("[data-test=campaign-saved]"));
        Assert.Equal("28.50", saved.QuerySelector("#Price")?.GetAttribute("value"));
        Assert.Contains(start.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), collect.Text("[data-test=closed]"), StringComparison.Ordinal);
        Assert.Null(collect.QuerySelector("[data-test=pick-code]"));
    }

    [Fact]
    public async Task ChangeVisionThresholdsThatTheNextCheckUses()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Thresholds[MaxRoll]"] = "abc",
            ["Thresholds[FaceSize.Min]"] = "0.9",  // above the maximum
            ["Thresholds[MinSharpness]"] = "-5",
        }));
        Assert.Equal(["Campaign.Error.Thresholds"], refused.QuerySelectorAll("[data-error]").Select(e => e.GetAttribute("data-error")));
        Assert.Contains("头部最大倾斜角", refused.Text("[data-test=campaign-errors]"), StringComparison.Ordinal);
        Assert.Equal("true", refused.QuerySelector("#t-FaceSize-Min")?.GetAttribute("aria-invalid"));

        // A demand no phone photo meets: the good photo now fails on resolution, and only there.
        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Thresholds[MinSourceWidth]"] = "100000",
            ["Thresholds[MaxRoll]"] = "8",  // the default: not stored
        }));
        Assert.NotNull(saved.QuerySelector("[data-test=campaign-saved]"));
        Assert.Equal("100000", saved.QuerySelector("#t-MinSourceWidth")?.GetAttribute("value"));
        var (_, reloaded) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");
        Assert.Equal("100000", reloaded.QuerySelector("#t-MinSourceWidth")?.GetAttribute("value"));
        Assert.Equal("", reloaded.QuerySelector("#t-MaxRoll")?.GetAttribute("value") ?? "");

        var failures = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var flow = sp.GetRequiredService<CollectionFlow>();
            var campaign = (await flow.CampaignAsync(CampaignKind.Graduation))!;
            var account = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(AppFactory.NewPhone(), default);
            await flow.ReadCodeAsync(account.Id, campaign, null, sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100002", DemoSeeder.DemoStudentNumber(2)));
            await flow.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(campaign.FeatureCode, null, null, null, null));
            await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            var checkedPhoto = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
            return (campaign.VisionThresholds, checkedPhoto.Report.Failures.Select(f => f.Name).ToList());
        });
        Assert.Equal(["resolution"], failures.Item2);
        Assert.DoesNotContain("MaxRoll", failures.VisionThresholds, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAFreshmanUploadForASchoolThatHadNone()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var student = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());
        var (_, before) = await Html.GetAsync(student, "/s/nanhu/freshman");
        Assert.NotNull(before.QuerySelector("[data-test=closed]"));

        var (_, page) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign?kind=Freshman");
        Assert.Equal("", page.QuerySelector("#Name")?.GetAttribute("value") ?? "");
        var now = DateTime.UtcNow.AddHours(8);
        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.Name"] = "2026级新生照片采集",
            ["Input.FeatureCode"] = "xs2026",
            ["Input.StartsAt"] = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.EndsAt"] = now.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Price"] = "0",
            ["Input.Verification"] = "Roster",
        }));
        Assert.True(saved.QuerySelector("[data-test=campaign-saved]") is not null, saved.Text("main"));

        var (_, after) = await Html.GetAsync(student, "/s/nanhu/freshman");
        Assert.NotNull(after.QuerySelector("[data-test=verify-freshman]"));
        Assert.Null(after.QuerySelector("#IdLastFour"));  // roster mode: name and student number only
        var (_, graduation) = await Html.GetAsync(admin, "/s/nanhu/staff/campaign");
        Assert.NotEqual("2026级新生照片采集", graduation.QuerySelector("#Name")?.GetAttribute("value"));
    }
}
