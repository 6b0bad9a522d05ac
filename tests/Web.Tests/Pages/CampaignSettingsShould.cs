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
}
