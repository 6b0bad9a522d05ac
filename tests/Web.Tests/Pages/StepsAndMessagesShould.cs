using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The collection's step list (<c>&lt;flow-steps&gt;</c>) and the pages' problem and note (<c>&lt;message&gt;</c>), as a
/// student's camera page renders them: the steps before this one done, this one current, the freshman upload without
/// the code step; a problem shown as an alert only when there is one.
/// </summary>
public sealed class StepsAndMessagesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task MarkTheCameraTheFourthOfSixStepsForAGraduate()
    {
        var browser = await app.ReadyToShootAsync();
        var (response, camera) = await Html.GetAsync(browser, Base + "/collect/capture");

        var steps = camera.QuerySelectorAll("ol.steps li").ToList();
        Assert.Equal(6, steps.Count);
        Assert.Equal(["done", "done", "done", "current", "", ""], steps.Select(s => s.ClassName ?? ""));
        Assert.Equal([null, null, null, "step", null, null], steps.Select(s => s.GetAttribute("aria-current")));
        Assert.Equal("采集步骤", camera.QuerySelector("ol.steps")?.GetAttribute("aria-label"));
        Assert.Equal("拍摄", steps[3].TextContent);
        Assert.Null(camera.QuerySelector("div.alert"));  // (the camera's own problem line is a hidden p)
        Assert.DoesNotContain("<message", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (_, english) = await Html.GetAsync(browser, Base + "/collect/capture?culture=en");
        Assert.Equal("Photo", english.QuerySelectorAll("ol.steps li")[3].TextContent);
    }

    [Fact]
    public async Task LeaveTheCodeStepOutOfTheFreshmanUpload()
    {
        var (browser, _, _, _) = await app.FreshmanOrderAsync(AppFactory.NewPhone(), pay: false);
        var (_, camera) = await Html.GetAsync(browser, Base + "/freshman/capture");

        var steps = camera.QuerySelectorAll("ol.steps li").ToList();
        Assert.Equal(["done", "done", "current", "", ""], steps.Select(s => s.ClassName ?? ""));
        Assert.Equal("拍摄", steps[2].TextContent);
    }

    [Fact]
    public async Task ShowAProblemAsAnAlert()
    {
        var browser = await app.ReadyToShootAsync();
        var (_, camera) = await Html.GetAsync(browser, Base + "/collect/capture");
        var refused = await Html.ParseAsync(await Html.UploadAsync(browser, camera, "form[data-upload]", "Photo", "notes.jpg", "not a photo"u8.ToArray()));

        var alert = refused.QuerySelector("div.alert.error[role=alert]");
        Assert.NotNull(alert);
        Assert.False(string.IsNullOrWhiteSpace(alert.TextContent));
        Assert.Null(refused.QuerySelector(".alert.info"));
    }
}
