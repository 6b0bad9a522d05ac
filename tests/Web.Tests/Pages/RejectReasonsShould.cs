using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The school admin's list of rejection reasons, and what reviewers are offered from it.</summary>
public sealed class RejectReasonsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/nanhu/staff/reasons";

    [Fact]
    public async Task EditRetireAndAddReasonsThatReviewersThenSee()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        var background = page.QuerySelector("[data-test=reason][data-code=background]")!;

        // Bad input names the problem and changes nothing.
        var noTitle = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=add-reason]", new Dictionary<string, string?> { ["Fix"] = "请重拍" }));
        Assert.Equal("Reasons.Error.Title", noTitle.QuerySelector("[data-test=reason-error]")?.GetAttribute("data-error"));
        var duplicate = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=add-reason]",
            new Dictionary<string, string?> { ["Title"] = background.QuerySelector("input[name=Title]")!.GetAttribute("value"), ["Fix"] = "请重拍" }));
        Assert.Equal("Reasons.Error.Duplicate", duplicate.QuerySelector("[data-test=reason-error]")?.GetAttribute("data-error"));
        var noFix = await Html.ParseAsync(await Html.SubmitAsync(admin, page, $"[data-code=background] [data-test=save-reason]", new Dictionary<string, string?> { ["Fix"] = " " }));
        Assert.Equal("Reasons.Error.Fix", noFix.QuerySelector("[data-test=reason-error]")?.GetAttribute("data-error"));

        // A new fix text, a retired reason and a new reason.
        await Html.SubmitAsync(admin, page, "[data-code=background] [data-test=save-reason]", new Dictionary<string, string?> { ["Fix"] = "请在白墙前重新拍摄" });
        await Html.SubmitAsync(admin, page, "[data-code=extra_content] [data-test=save-reason]", new Dictionary<string, string?> { ["Retired"] = "true" });
        var added = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=add-reason]",
            new Dictionary<string, string?> { ["Title"] = "佩戴帽子", ["Fix"] = "请摘下帽子后重新拍摄" }));
        Assert.NotNull(added.QuerySelector("[data-test=reason-saved]"));
        Assert.Equal("true", added.QuerySelector("[data-code=extra_content]")?.GetAttribute("data-retired"));

        var offered = await app.InSchoolAsync(AppFactory.B, async sp => await sp.GetRequiredService<ReviewDesk>().ReasonsAsync());
        Assert.Equal("请在白墙前重新拍摄", offered.Single(r => r.Code == "background").Fix);
        Assert.DoesNotContain(offered, r => r.Code == "extra_content");
        Assert.Equal("佩戴帽子", offered[^1].Title);
    }

    [Fact]
    public async Task BeForSchoolAdminsOnly()
    {
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
    }
}
