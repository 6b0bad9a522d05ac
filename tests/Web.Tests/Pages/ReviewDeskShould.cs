using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// One order on the reviewer's page: the three photos, the marks and the comparison, the checks in the reader's
/// language failed first, the freshman's label, the note to the student, bad input, stale pages, other schools'
/// orders, and the next order after a decision.
/// </summary>
public sealed class ReviewDeskShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string A = "/s/beifang";

    [Fact]
    public async Task ShowTheThreePhotosTheComparisonAndTheFailedCheckFirstAndMarked()
    {
        var order = await app.PendingAsync(AppFactory.A);
        await app.SetPhotoAsync(AppFactory.A, order, passed: false, samePerson: true, score: 0.71, failing: "face_size", failingKey: "Check.face_size.small");
        var reviewer = await ReviewerAsync();

        var (response, page) = await Html.GetAsync(reviewer, $"{A}/staff/review/{order.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The upload with the marks of the failed placement check, the standard photo and the admission photo.
        Assert.EndsWith($"/staff/files/photo/{order.PhotoId}/source", page.QuerySelector("[data-test=upload] img")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-test=upload] svg .mark-face.alert"));
        Assert.Equal(2, page.QuerySelectorAll("[data-test=upload] svg .mark-band").Length);
        Assert.EndsWith($"/staff/files/photo/{order.PhotoId}/standard", page.QuerySelector("[data-test=review-photo]")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.EndsWith($"/staff/files/admission/{order.RecordId}/photo", page.QuerySelector("[data-test=admission-photo]")!.GetAttribute("src"), StringComparison.Ordinal);
        // The comparison's score against the campaign's threshold, and its verdict.
        Assert.Equal("0.71", page.QuerySelector("[data-test=comparison]")!.GetAttribute("data-score"));
        Assert.Contains("0.55", page.Text("[data-test=comparison]"), StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("[data-test=comparison-badge]")!.GetAttribute("data-same"));
        Assert.Equal("1 项检测未通过", page.Text("[data-test=checks-badge]"));
        // The checks as a table in Chinese, the failed one first and highlighted with its fix; no raw JSON.
        var checks = page.QuerySelectorAll("[data-test=check]");
        Assert.True(checks.Length > 5);
        Assert.Equal(("face_size", "false"), (checks[0].GetAttribute("data-check"), checks[0].GetAttribute("data-pass")));
        Assert.Contains("failed", checks[0].ClassList);
        Assert.Contains("人脸大小", checks[0].TextContent, StringComparison.Ordinal);
        Assert.All(checks.Skip(1), c => Assert.Equal("true", c.GetAttribute("data-pass")));
        Assert.DoesNotContain("{", page.Text("[data-test=checks]"), StringComparison.Ordinal);
        Assert.Contains("左右歪头（度）", page.Text("[data-test=checks]"), StringComparison.Ordinal);
        // A graduate: the kind, and the gender in its parentheses.
        Assert.Equal("Graduation", page.QuerySelector("[data-test=order-kind]")!.GetAttribute("data-kind"));
        Assert.Matches(@"（[男女]）", page.Text("[data-test=student-name]"));
        // The shortcuts are on the buttons they press.
        Assert.Equal("a", page.QuerySelector("[data-test=approve]")!.GetAttribute("data-key"));
        Assert.Equal("r", page.QuerySelector("[data-test=reason]")!.GetAttribute("data-key"));
        Assert.Equal("j n", page.QuerySelector("[data-test=next]")!.GetAttribute("data-key"));

        // In English too.
        await reviewer.GetAsync($"/culture?c=en&returnUrl=%2F");
        var (_, english) = await Html.GetAsync(reviewer, $"{A}/staff/review/{order.Id}");
        Assert.Contains("Face size", english.QuerySelectorAll("[data-test=check]")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Checks failed: 1", english.Text("[data-test=checks-badge]"));
        Assert.Contains("threshold 0.55", english.Text("[data-test=comparison]"), StringComparison.Ordinal);
        Assert.Equal("Graduation photo", english.Text("[data-test=order-kind]"));
    }

    [Fact]
    public async Task LabelAFreshmanPhotoAndPrintNoEmptyParentheses()
    {
        var order = await app.PendingAsync(AppFactory.A, CampaignKind.Freshman);
        var reviewer = await ReviewerAsync();

        var (_, page) = await Html.GetAsync(reviewer, $"{A}/staff/review/{order.Id}");
        var (_, queue) = await Html.GetAsync(reviewer, $"{A}/staff/review");

        Assert.Equal(("Freshman", "新生照片"), (page.QuerySelector("[data-test=order-kind]")!.GetAttribute("data-kind"), page.Text("[data-test=order-kind]")));
        Assert.Equal(order.Name, page.Text("[data-test=student-name]"));
        Assert.DoesNotContain("（）", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-test=no-admission-photo]"));
        Assert.Equal("无录取照片可比对", page.Text("[data-test=comparison-badge]"));
        var row = queue.QuerySelectorAll("[data-test=queue-item]").Single(r => r.GetAttribute("data-number") == order.Number);
        Assert.Equal("新生照片", row.QuerySelector("[data-test=order-kind]")!.TextContent.Trim());
        Assert.DoesNotContain("（）", row.TextContent, StringComparison.Ordinal);

        // Production says so too.
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().ApproveAsync(order.Id, "reviewer"));
        var (_, production) = await Html.GetAsync(reviewer, $"{A}/staff/production");
        var item = production.QuerySelectorAll("[data-test=production-item]").Single(i => i.GetAttribute("data-number") == order.Number);
        Assert.Equal("新生照片", item.QuerySelector("[data-test=order-kind]")!.TextContent.Trim());
    }

    [Fact]
    public async Task RejectWithANoteTheStudentReadsOnTheOrderPageAndTheTrailKeeps()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        var reviewer = await ReviewerAsync();
        const string Note = "  请把头发拢到耳后，露出双耳再拍。  ";

        var (_, review) = await Html.GetAsync(reviewer, $"{A}/staff/review/{orderId}");
        var rejected = await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "extra_content", ["Note"] = Note });

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var (_, seen) = await Html.GetAsync(student, orderUrl);
        Assert.Contains("图像额外内容（手、水印等）", seen.Text("[data-test=rejection]"), StringComparison.Ordinal);
        Assert.Equal("审核员留言" + Note.Trim(), seen.Text("[data-test=reject-note]"));
        var (number, sms, audit) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var number = await db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync();
            return (number,
                await db.SmsOutbox.Where(m => m.Text.Contains(number) && m.Text.Contains("未通过审核")).Select(m => m.Text).SingleAsync(),
                await db.AuditEvents.Where(e => e.Action == AuditActions.Reject && e.Subject == number).Select(e => e.Details).SingleAsync());
        });
        // The SMS carries the maintained reason only (the providers' templates have no room for a free text).
        Assert.Contains("图像额外内容", sms, StringComparison.Ordinal);
        Assert.DoesNotContain("耳后", sms, StringComparison.Ordinal);
        Assert.Contains("extra_content", audit, StringComparison.Ordinal);
        Assert.Contains(Note.Trim(), audit, StringComparison.Ordinal);

        // A new photo goes back to review: the student no longer sees the note, the reviewer sees the earlier rejection with it.
        Assert.Equal(orderUrl, await Journeys.SubmitPhotoAsync(student, Faces.GoodPhoto()));
        var (_, resubmitted) = await Html.GetAsync(student, orderUrl);
        Assert.Null(resubmitted.QuerySelector("[data-test=reject-note]"));
        var (_, again) = await Html.GetAsync(reviewer, $"{A}/staff/review/{orderId}");
        var earlier = Assert.Single(again.QuerySelectorAll("[data-test=earlier-rejection]"));
        Assert.Contains("图像额外内容", earlier.TextContent, StringComparison.Ordinal);
        Assert.Contains(Note.Trim(), earlier.TextContent, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, orderId));
        Assert.NotNull(number);
    }

    [Fact]
    public async Task RefuseANoteTooLongOrAReasonNotOnTheListAndSaySo()
    {
        var order = await app.PendingAsync(AppFactory.A);
        var reviewer = await ReviewerAsync();
        var (_, review) = await Html.GetAsync(reviewer, $"{A}/staff/review/{order.Id}");
        var tooLong = new string('拍', ReviewDesk.MaxNoteLength + 1);

        var longNote = await Html.ParseAsync(await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "background", ["Note"] = tooLong }));
        var unknown = await Html.ParseAsync(await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "no_such_reason" }));
        var none = await Html.ParseAsync(await Html.SubmitAsync(reviewer, review, "[data-test=reject]"));
        var both = await Html.ParseAsync(await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "", ["Note"] = tooLong }));

        Assert.Equal("留言最多 200 个字，现在有 201 个字，请删减后再提交。", longNote.Text("[data-test=note-error]"));
        Assert.Equal(tooLong, longNote.QuerySelector("[data-test=note]")!.TextContent);  // what was typed stays, to shorten
        Assert.Equal("background", ((IHtmlSelectElement)longNote.QuerySelector("[data-test=reason]")!).Value);
        Assert.Equal("请选择驳回原因", unknown.Text("[data-test=reason-error]"));
        Assert.Equal("请选择驳回原因", none.Text("[data-test=reason-error]"));
        Assert.NotNull(both.QuerySelector("[data-test=reason-error]"));
        Assert.NotNull(both.QuerySelector("[data-test=note-error]"));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, order.Id));
        Assert.Equal(ReviewDesk.MaxNoteLength.ToString(System.Globalization.CultureInfo.InvariantCulture), review.QuerySelector("[data-test=note]")!.GetAttribute("maxlength"));

        // The desk refuses them as well, whoever calls it; 200 characters are taken.
        var refused = await app.InSchoolAsync(AppFactory.A, async sp => await sp.GetRequiredService<ReviewDesk>().RejectAsync(order.Id, "reviewer", "background", tooLong));
        Assert.Equal((OrderOutcome.Refused, "note"), (refused.Outcome, refused.Refusal));
        var taken = await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "background", ["Note"] = tooLong[1..] });
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(OrderStatus.Rejected, await app.StatusAsync(AppFactory.A, order.Id));
    }

    [Fact]
    public async Task RefuseADecisionOnAnOrderNoLongerWaitingOrOnAPhotoNobodyLookedAt()
    {
        var decided = await app.PendingAsync(AppFactory.A);
        var changed = await app.PendingAsync(AppFactory.A);
        var reviewer = await ReviewerAsync();
        var (_, stale) = await Html.GetAsync(reviewer, $"{A}/staff/review/{decided.Id}");
        var (_, other) = await Html.GetAsync(reviewer, $"{A}/staff/review/{changed.Id}");
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().RejectAsync(decided.Id, "another reviewer", "background"));

        var approve = await Html.ParseAsync(await Html.SubmitAsync(reviewer, stale, "[data-test=approve]"));
        var reject = await Html.ParseAsync(await Html.SubmitAsync(reviewer, stale, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "extra_content" }));
        var otherPhoto = await Html.ParseAsync(await Html.SubmitAsync(reviewer, other, "[data-test=approve]", new Dictionary<string, string?> { ["PhotoId"] = Guid.NewGuid().ToString() }));

        Assert.Equal("该订单已不在待审核状态，可能已被其他审核员处理。", approve.Text(".alert.error"));
        Assert.Equal("该订单已不在待审核状态，可能已被其他审核员处理。", reject.Text(".alert.error"));
        Assert.Equal("Rejected", approve.QuerySelector("[data-test=review-order]")!.GetAttribute("data-status"));
        Assert.Null(approve.QuerySelector("[data-test=approve]"));  // the page now shows the order as it is
        Assert.Equal("学生已经换了一张新照片，请先查看新照片再审核。", otherPhoto.Text(".alert.error"));
        Assert.Equal(OrderStatus.Rejected, await app.StatusAsync(AppFactory.A, decided.Id));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, changed.Id));
    }

    [Fact]
    public async Task AnswerNotFoundForAnotherSchoolsOrderAndItsFiles()
    {
        var order = await app.PendingAsync(AppFactory.A);
        var otherReviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));
        var (_, home) = await Html.GetAsync(otherReviewer, "/s/nanhu/staff");
        var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.NotFound, (await otherReviewer.GetAsync($"/s/nanhu/staff/review/{order.Id}")).StatusCode);
        foreach (var handler in new[] { "Approve", "Reject" })
        {
            var posted = await otherReviewer.PostAsync($"/s/nanhu/staff/review/{order.Id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Reason"] = "background", ["PhotoId"] = order.PhotoId.ToString(),
            }));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        foreach (var part in new[] { "thumb", "standard", "source" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otherReviewer.GetAsync($"/s/nanhu/staff/files/photo/{order.PhotoId}/{part}")).StatusCode);
        }

        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, order.Id));
    }

    [Fact]
    public async Task GoOnToTheNextWaitingOrderAfterADecision()
    {
        var first = await app.PendingAsync(AppFactory.A);
        var second = await app.PendingAsync(AppFactory.A);
        var reviewer = await ReviewerAsync();

        var (_, page) = await Html.GetAsync(reviewer, $"{A}/staff/review/{first.Id}");
        Assert.EndsWith($"/staff/review/{second.Id}", page.QuerySelector("[data-test=next]")!.GetAttribute("href"), StringComparison.Ordinal);
        var approved = await Html.SubmitAsync(reviewer, page, "[data-test=approve]");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal($"{A}/staff/review/{second.Id}", approved.Headers.Location!.OriginalString);
        var (_, nextPage) = await Html.GetAsync(reviewer, approved.Headers.Location.OriginalString);
        Assert.Equal($"订单 {first.Number} 已审核通过，已短信通知学生。", nextPage.Text(".alert.info"));
        Assert.Equal(second.Number, nextPage.QuerySelector("[data-test=review-order]")!.GetAttribute("data-number"));
        Assert.Equal(OrderStatus.PendingProduction, await app.StatusAsync(AppFactory.A, first.Id));

        // After the last one it wraps to the oldest still waiting, or back to the queue when none is.
        var rejected = await Html.SubmitAsync(reviewer, nextPage, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "background" });
        var to = rejected.Headers.Location!.OriginalString;
        var waiting = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders
            .Where(o => o.Status == OrderStatus.PendingReview).OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync());
        Assert.Equal(waiting is { } w ? $"{A}/staff/review/{w}" : $"{A}/staff/review", to);
    }

    private Task<HttpClient> ReviewerAsync() => app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
}
