using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The check's result as the student sees it: the upload with what failed drawn over it, the one or two fixes that
/// matter first and the rest folded, in the page's language, and the admission-photo comparison as a badge.
/// </summary>
public sealed partial class CheckResultShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task DrawTheForeignContentOverTheUploadAndLeadWithItsFix()
    {
        var browser = await app.ReadyToShootAsync();

        var result = await ResultAsync(browser, Faces.Defect("hand"));

        Assert.NotNull(result.QuerySelector("[data-test=check-failed]"));
        var marked = result.QuerySelector("[data-test=marked-photo]")!;
        Assert.NotNull(marked.QuerySelector("svg rect.mark-crop"));
        Assert.NotNull(marked.QuerySelector("svg rect.mark-face"));
        Assert.True(marked.QuerySelectorAll("svg rect.mark-bg").Length >= 3, "the hand's cells are marked");
        Assert.NotNull(marked.QuerySelector(".legend .swatch.bg"));
        var lead = result.QuerySelectorAll("[data-test=lead-fixes] li");
        Assert.InRange(lead.Length, 1, 2);
        Assert.Contains("extra_content", result.QuerySelectorAll("[data-check]").Select(li => li.GetAttribute("data-check")));
        // The picture under the marks is the student's own upload.
        var upload = await browser.GetAsync(marked.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("image/jpeg", upload.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DrawWhereTheHeadBelongsWhenItIsTilted()
    {
        var browser = await app.ReadyToShootAsync();

        var result = await ResultAsync(browser, Faces.Defect("tilted"));

        Assert.Equal("head_pose", result.QuerySelector("[data-test=lead-fixes] li")?.GetAttribute("data-check"));
        Assert.NotNull(result.QuerySelector("svg .mark-band.eyes"));
        Assert.NotNull(result.QuerySelector("svg .mark-band.hair"));
        Assert.NotNull(result.QuerySelector("svg .mark-eye-line"));
        Assert.NotNull(result.QuerySelector("svg .mark-face.alert"));
        Assert.Null(result.QuerySelector("svg .mark-bg"));
    }

    [Fact]
    public async Task FoldTheFixesAfterTheFirstTwo()
    {
        var browser = await app.ReadyToShootAsync();

        // A dark, blurred, tiny photo fails several checks at once.
        var result = await ResultAsync(browser, Faces.Defect("tiny"));
        var failed = result.QuerySelectorAll("[data-check]").Length;

        Assert.True(result.QuerySelectorAll("[data-test=lead-fixes] li").Length <= 2);
        if (failed > 2)
        {
            Assert.Equal(failed - 2, result.QuerySelectorAll("[data-test=more-fixes] li").Length);
            Assert.Contains((failed - 2).ToString(System.Globalization.CultureInfo.InvariantCulture), result.Text("[data-test=more-fixes] summary"), StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(result.QuerySelector("[data-test=more-fixes]"));
        }
    }

    [Fact]
    public async Task ShowTheSameResultInEnglishWhenTheStudentSwitches()
    {
        var browser = await app.ReadyToShootAsync();
        var url = await UploadAsync(browser, Faces.TeethPhoto());
        var (_, chinese) = await Html.GetAsync(browser, url);

        await browser.GetAsync($"/culture?c=en&returnUrl=%2F");
        var (_, english) = await Html.GetAsync(browser, url);

        var fix = english.QuerySelector("[data-check=mouth_closed]")!;
        Assert.Matches(Cjk(), chinese.QuerySelector("[data-check=mouth_closed]")!.TextContent);
        Assert.DoesNotMatch(Cjk(), fix.TextContent);
        Assert.Equal("Mouth", fix.QuerySelector("strong")!.TextContent.Trim());
        Assert.DoesNotMatch(Cjk(), english.Text("[data-test=marked-photo] .legend"));
    }

    [Fact]
    public async Task ShowTheAdmissionComparisonBesideThePassedCheck()
    {
        var browser = await app.ReadyToShootAsync();
        var url = await UploadAsync(browser, Faces.GoodPhoto());
        var (_, result) = await Html.GetAsync(browser, url);

        var id = Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
        var photo = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Photos.SingleAsync(p => p.Id == id));
        Assert.NotNull(photo.SamePerson);
        var badge = result.QuerySelector("[data-test=check-passed] [data-test=comparison-badge]")!;
        Assert.Equal(photo.SamePerson == true ? "true" : "false", badge.GetAttribute("data-same"));
        Assert.Equal(photo.SamePerson == true ? "录取照片比对成功" : "录取照片比对未通过", badge.TextContent.Trim());
        Assert.Contains(photo.ComparisonScore!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), result.Text("[data-test=comparison]"), StringComparison.Ordinal);
    }

    private static async Task<string> UploadAsync(HttpClient browser, byte[] photo)
    {
        var (_, capture) = await Html.GetAsync(browser, Base + "/collect/capture");
        var uploaded = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "photo.jpg", photo);
        return uploaded.Headers.Location!.OriginalString;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ResultAsync(HttpClient browser, byte[] photo) =>
        (await Html.GetAsync(browser, await UploadAsync(browser, photo))).Item2;

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Cjk();
}
