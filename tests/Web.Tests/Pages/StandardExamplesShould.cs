using System.Net;
using Photocollect.Vision;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Pages.Student.Collect;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The standards page's example photos (wwwroot/img/standards): shown with their mark and caption in the page's
/// language, served small and cached, and true to the engine: the good one passes every check and each fault fails the
/// check it shows, for the reason its caption gives.
/// </summary>
public sealed class StandardExamplesShould(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string> Examples() => [.. StandardExamples.All.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task ShowWhatTheEngineFinds(string name)
    {
        var example = StandardExamples.All.Single(e => e.Name == name);

        var report = PhotoCheck.Run(await app.Browser().GetByteArrayAsync(example.Src));

        if (example.Good)
        {
            Assert.True(report.Pass, string.Join("; ", report.Checks.Where(c => !c.Pass).Select(c => $"{c.Name}: {c.MessageKey}")));
        }
        else
        {
            Assert.False(report.Pass);
            Assert.Contains(report.Checks, c => !c.Pass && !c.Skipped && c.MessageKey == example.Fault);
        }
    }

    [Fact]
    public async Task ServeEachPictureSmallAndCached()
    {
        var browser = app.Browser();
        foreach (var example in StandardExamples.All)
        {
            var response = await browser.GetAsync(example.Src);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var header = ImageHeader.Read(bytes);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(StaticAssets.Pictures, Assert.Single(response.Headers.GetValues("Cache-Control")));
            Assert.True(bytes.Length <= 30 * 1024, $"{example.Name}: {bytes.Length} bytes");
            Assert.Equal((ImageFormat.Jpeg, 480, 640), (header.Format, header.Width, header.Height));
        }
    }

    [Fact]
    public async Task ShowEachExampleWithItsMarkAndCaptionInThePagesLanguage()
    {
        var browser = await app.VerifiedAsync();

        var (_, chinese) = await Html.GetAsync(browser, "/s/beifang/collect/standards");
        await browser.GetAsync("/culture?c=en&returnUrl=%2F");
        var (_, english) = await Html.GetAsync(browser, "/s/beifang/collect/standards");

        var shown = chinese.QuerySelectorAll("[data-test=standard-example]");
        Assert.Equal(StandardExamples.All.Select(e => e.Name), shown.Select(e => e.GetAttribute("data-example")));
        Assert.Equal("true", shown[0].GetAttribute("data-good"));
        Assert.Single(shown, e => e.GetAttribute("data-good") == "true");
        Assert.Equal("✓", shown[0].QuerySelector(".example-mark")?.TextContent);
        Assert.All(shown.Skip(1), e => Assert.Equal("✗", e.QuerySelector(".example-mark")?.TextContent));
        Assert.All(shown, e => Assert.StartsWith("/img/standards/" + e.GetAttribute("data-example") + ".jpg?v=", e.QuerySelector("img")?.GetAttribute("src"), StringComparison.Ordinal));
        Assert.Equal("不合格：光线太暗", chinese.Text("[data-example=too-dark] figcaption"));
        Assert.Equal("Not accepted: Too dark", english.Text("[data-example=too-dark] figcaption"));
        Assert.All(english.QuerySelectorAll("[data-test=standard-example] figcaption"), c => Assert.DoesNotContain("Collect.Standards", c.TextContent, StringComparison.Ordinal));

        // The versioned link is kept a year.
        var versioned = await browser.GetAsync(shown[0].QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(StaticAssets.Versioned, Assert.Single(versioned.Headers.GetValues("Cache-Control")));
    }
}
