using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>Review and production through the staff pages, and what the student sees of them.</summary>
public sealed class ReviewShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RejectThenTakeTheNewPhotoWithoutPayingAgainThenApproveAndProduce()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = orderUrl[(orderUrl.LastIndexOf('/') + 1)..];
        var reviewer = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));

        // The queue shows it; reject it with a maintained reason.
        var (_, queue) = await Html.GetAsync(reviewer, "/s/beifang/staff/review");
        Assert.Contains(queue.QuerySelectorAll("[data-test=queue-item] [data-test=open-order]"), a => a.GetAttribute("href")!.EndsWith(orderId, StringComparison.Ordinal));
        var (opened, review) = await Html.GetAsync(reviewer, $"/s/beifang/staff/review/{orderId}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True(review.QuerySelector("[data-test=admission-photo]") is not null, "no admission photo beside the order: " + review.Text("main"));
        var noReason = await Html.ParseAsync(await Html.SubmitAsync(reviewer, review, "[data-test=reject]"));
        // The field's own error: ".alert.error" would also match the comparison's verdict when the faces differ.
        Assert.NotNull(noReason.QuerySelector("[data-test=reason-error]"));
        var rejected = await Html.SubmitAsync(reviewer, review, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "extra_content" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        // The student sees the reason and its fix, and an SMS says so.
        var (_, seen) = await Html.GetAsync(student, orderUrl);
        Assert.Equal("Rejected", seen.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Contains("图像额外内容（手、水印等）", seen.Text("[data-test=rejection]"), StringComparison.Ordinal);
        Assert.Contains(await SmsAsync(orderUrl), t => t.Contains("未通过审核", StringComparison.Ordinal));

        // 修改照片: back to review, no new payment.
        Assert.Equal(orderUrl, await Journeys.SubmitPhotoAsync(student, Faces.GoodPhoto()));
        var (_, resubmitted) = await Html.GetAsync(student, orderUrl);
        Assert.Equal("PendingReview", resubmitted.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Equal(1, await PaymentsAsync(Guid.Parse(orderId)));

        // Approve; a second approval (another reviewer's stale page) is refused cleanly.
        var (_, again) = await Html.GetAsync(reviewer, $"/s/beifang/staff/review/{orderId}");
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(reviewer, again, "[data-test=approve]")).StatusCode);
        var stale = await Html.ParseAsync(await Html.SubmitAsync(reviewer, again, "[data-test=approve]"));
        Assert.NotNull(stale.QuerySelector("div.alert.error[role=alert]"));

        // Production by batch, then the student sees 已完成 and the photo.
        var (_, production) = await Html.GetAsync(reviewer, "/s/beifang/staff/production");
        var started = await Html.ParseAsync(await Html.SubmitAsync(reviewer, production, "[data-test=start-production]"));
        await Html.SubmitAsync(reviewer, started, "[data-test=complete-production]");
        var (_, done) = await Html.GetAsync(student, orderUrl);
        Assert.Equal("Completed", done.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        var photo = await student.GetAsync(done.QuerySelector("[data-test=view-photo]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Contains(await SmsAsync(orderUrl), t => t.Contains("制作完成", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LetNoReviewerOfAnotherSchoolOrAStudentActOnAnOrder()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = orderUrl[(orderUrl.LastIndexOf('/') + 1)..];
        var otherReviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));

        Assert.Equal(HttpStatusCode.Forbidden, (await otherReviewer.GetAsync($"/s/beifang/staff/review/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherReviewer.GetAsync($"/s/nanhu/staff/review/{orderId}")).StatusCode);
        var asStudent = await student.GetAsync($"/s/beifang/staff/review/{orderId}");
        Assert.NotEqual(HttpStatusCode.OK, asStudent.StatusCode);
        var (_, still) = await Html.GetAsync(student, orderUrl);
        Assert.Equal("PendingReview", still.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
    }

    private Task<List<string>> SmsAsync(string orderUrl) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var id = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        var number = await db.Orders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync();
        return await db.SmsOutbox.Where(m => m.Text.Contains(number)).Select(m => m.Text).ToListAsync();
    });

    private Task<int> PaymentsAsync(Guid orderId) => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<AppDbContext>().Payments.CountAsync(p => p.OrderId == orderId));
}
