using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;
using SkiaSharp;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The reviewer's queue (thumbnails, time left, what the machine found), the batch approval of what passed everything
/// (checked again on the server, whatever is posted) and the reviewer's home with the queue and today's decisions.
/// </summary>
public sealed class ReviewQueueShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string A = "/s/beifang";

    [Fact]
    public async Task ShowEachWaitingOrderWithItsThumbnailTimeLeftAndWhatTheMachineFound()
    {
        var passed = await app.PendingAsync(AppFactory.A);
        var differs = await app.PendingAsync(AppFactory.A);
        var failed = await app.PendingAsync(AppFactory.A);
        var uncompared = await app.PendingAsync(AppFactory.A);
        await app.SetPhotoAsync(AppFactory.A, passed, passed: true, samePerson: true, score: 0.74);
        await app.SetPhotoAsync(AppFactory.A, differs, passed: true, samePerson: false, score: 0.21);
        await app.SetPhotoAsync(AppFactory.A, failed, passed: false, samePerson: true, score: 0.7, failing: "background", failingKey: "Check.background.cluttered");
        await app.SetPhotoAsync(AppFactory.A, uncompared, passed: true, samePerson: null, score: null);
        var reviewer = await ReviewerAsync();

        var (_, queue) = await Html.GetAsync(reviewer, $"{A}/staff/review");

        var rows = queue.QuerySelectorAll("[data-test=queue-item]").ToDictionary(r => r.GetAttribute("data-number")!);
        Assert.Equal(
            [("AllPassed", true), ("ComparisonFailed", false), ("ChecksFailed", false), ("ComparisonMissing", false)],
            new[] { passed, differs, failed, uncompared }.Select(o => (rows[o.Number].GetAttribute("data-verdict")!, rows[o.Number].QuerySelector("[data-test=select]") is not null)));
        Assert.Equal("比对一致 0.74", rows[passed.Number].QuerySelector("[data-test=comparison-badge]")!.TextContent.Trim());
        Assert.Equal("比对差异大 0.21", rows[differs.Number].QuerySelector("[data-test=comparison-badge]")!.TextContent.Trim());
        Assert.Equal("未能比对，请人工核对", rows[uncompared.Number].QuerySelector("[data-test=comparison-badge]")!.TextContent.Trim());
        Assert.Contains("初审未通过", rows[failed.Number].TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^剩余 4[78] 小时 \d+ 分$", rows[passed.Number].QuerySelector("[data-test=time-left]")!.TextContent.Trim());
        Assert.Equal($"{A}/staff/review/{passed.Id}", rows[passed.Number].QuerySelector("[data-test=open-order]")!.GetAttribute("href"));

        // The thumbnail: small, lazy, kept by the browser for a day.
        var thumb = rows[passed.Number].QuerySelector("[data-test=thumb]")!;
        Assert.Equal(($"{A}/staff/files/photo/{passed.PhotoId}/thumb", "lazy"), (thumb.GetAttribute("src"), thumb.GetAttribute("loading")));
        var file = await reviewer.GetAsync(thumb.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/jpeg", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal((true, TimeSpan.FromDays(1)), (file.Headers.CacheControl!.Private, file.Headers.CacheControl.MaxAge));
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 500, 10_000);
        var info = SKBitmap.DecodeBounds(bytes);
        Assert.Equal((96, 128), (info.Width, info.Height));

        // Two days on, they are late.
        app.Clock.Advance(TimeSpan.FromHours(49));
        try
        {
            var (_, late) = await Html.GetAsync(reviewer, $"{A}/staff/review");
            var row = late.QuerySelectorAll("[data-test=queue-item]").Single(r => r.GetAttribute("data-number") == passed.Number);
            Assert.Equal("已超时 1 小时", row.QuerySelector("[data-test=time-left]")!.TextContent.Trim());
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-49));
        }
    }

    [Fact]
    public async Task ApproveInOneGoOnlyWhatPassedEverythingAndSayWhatWasLeftAndWhy()
    {
        var first = await app.PendingAsync(AppFactory.A);
        var second = await app.PendingAsync(AppFactory.A);
        var decidedMeanwhile = await app.PendingAsync(AppFactory.A);
        var differs = await app.PendingAsync(AppFactory.A);
        var failed = await app.PendingAsync(AppFactory.A);
        var uncompared = await app.PendingAsync(AppFactory.A);
        var otherSchools = await app.PendingAsync(AppFactory.B);
        foreach (var order in new[] { first, second, decidedMeanwhile })
        {
            await app.SetPhotoAsync(AppFactory.A, order, passed: true, samePerson: true, score: 0.8);
        }

        await app.SetPhotoAsync(AppFactory.A, differs, passed: true, samePerson: false, score: 0.2);
        await app.SetPhotoAsync(AppFactory.A, failed, passed: false, samePerson: true, score: 0.8, failing: "face_size", failingKey: "Check.face_size.small");
        await app.SetPhotoAsync(AppFactory.A, uncompared, passed: true, samePerson: null, score: null);
        var reviewer = await ReviewerAsync();
        var (_, queue) = await Html.GetAsync(reviewer, $"{A}/staff/review");
        Assert.NotNull(queue.QuerySelector("[data-test=select-all][data-check-all=Selected]"));

        // Tick the three that may go; add, as a forged post would, the ones that may not, another school's and an unknown id.
        var rows = queue.QuerySelectorAll("[data-test=queue-item]").ToDictionary(r => r.GetAttribute("data-number")!);
        foreach (var order in new[] { first, second, decidedMeanwhile })
        {
            ((IHtmlInputElement)rows[order.Number].QuerySelector("[data-test=select]")!).IsChecked = true;
        }

        var form = queue.QuerySelector("[data-test=batch-approve]")!.Closest("form")!;
        foreach (var id in new[] { differs.Id, failed.Id, uncompared.Id, otherSchools.Id, Guid.NewGuid() })
        {
            var forged = (IHtmlInputElement)queue.CreateElement("input");
            forged.Type = "checkbox";
            forged.Name = "Selected";
            forged.Value = id.ToString();
            forged.IsChecked = true;
            form.AppendChild(forged);
        }

        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().RejectAsync(decidedMeanwhile.Id, "another reviewer", "background"));
        var answer = await Html.SubmitAsync(reviewer, queue, "[data-test=batch-approve]");
        var page = await Html.ParseAsync(answer);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("已批量通过 2 单，已短信通知学生。", page.Text(".alert.info"));
        var skipped = page.QuerySelectorAll("[data-test=batch-skipped] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(6, skipped.Count);
        Assert.Contains($"订单 {decidedMeanwhile.Number} 已不在待审核状态，可能已被其他审核员处理。", skipped);
        foreach (var order in new[] { differs, failed, uncompared })
        {
            Assert.Contains($"订单 {order.Number} 不符合批量通过的条件，请打开逐单审核。", skipped);
        }

        Assert.Equal(2, skipped.Count(s => s == "有 1 单在本校不存在，已忽略。"));
        Assert.DoesNotContain(skipped, s => s.Contains(otherSchools.Number, StringComparison.Ordinal));
        Assert.Equal(
            [OrderStatus.PendingProduction, OrderStatus.PendingProduction, OrderStatus.Rejected, OrderStatus.PendingReview, OrderStatus.PendingReview, OrderStatus.PendingReview],
            await Task.WhenAll(new[] { first, second, decidedMeanwhile, differs, failed, uncompared }.Select(o => app.StatusAsync(AppFactory.A, o.Id))));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.B, otherSchools.Id));
        Assert.DoesNotContain(page.QuerySelectorAll("[data-test=queue-item]"), r => r.GetAttribute("data-number") == first.Number);

        // Each approval is audited and told to its student as a single one is.
        var reviewerId = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Email == DemoSeeder.StaffEmail(AppFactory.A, "reviewer")).Select(u => u.Id).SingleAsync());
        foreach (var order in new[] { first, second })
        {
            var (audit, sms) = await app.InSchoolAsync(AppFactory.A, async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                return (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.Approve && e.Subject == order.Number),
                    await db.SmsOutbox.CountAsync(m => m.Text.Contains(order.Number) && m.Text.Contains("已审核通过")));
            });
            Assert.Equal((reviewerId, 1), (audit.AccountId, sms));
            Assert.True(System.Text.Json.JsonDocument.Parse(audit.Details!).RootElement.GetProperty("batch").GetBoolean());
        }
    }

    [Fact]
    public async Task SaySoWhenNothingIsTicked()
    {
        await app.PendingAsync(AppFactory.A);
        var reviewer = await ReviewerAsync();
        var (_, queue) = await Html.GetAsync(reviewer, $"{A}/staff/review");

        var page = await Html.ParseAsync(await Html.SubmitAsync(reviewer, queue, "[data-test=batch-approve]"));

        Assert.Equal("请先勾选要通过的订单。", page.Text(".alert.error"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-test=queue-item]"));
    }

    [Fact]
    public async Task ShowTheReviewerTheQueueAndTodaysDecisionsOnTheirHome()
    {
        var approved = await app.PendingAsync(AppFactory.A);
        var rejected = await app.PendingAsync(AppFactory.A);
        var bySomeoneElse = await app.PendingAsync(AppFactory.A);
        await app.PendingAsync(AppFactory.A);
        var reviewer = await ReviewerAsync();
        var before = await HomeAsync(reviewer);

        var (_, one) = await Html.GetAsync(reviewer, $"{A}/staff/review/{approved.Id}");
        await Html.SubmitAsync(reviewer, one, "[data-test=approve]");
        var (_, two) = await Html.GetAsync(reviewer, $"{A}/staff/review/{rejected.Id}");
        await Html.SubmitAsync(reviewer, two, "[data-test=reject]", new Dictionary<string, string?> { ["Reason"] = "background" });
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().ApproveAsync(bySomeoneElse.Id, "another reviewer"));
        var after = await HomeAsync(reviewer);

        var waiting = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders.CountAsync(o => o.Status == OrderStatus.PendingReview));
        Assert.Equal(waiting, after.Waiting);
        Assert.Equal((before.Mine.Approved + 1, before.Mine.Rejected + 1), after.Mine);
        Assert.Equal((before.School.Approved + 2, before.School.Rejected + 1), after.School);
        Assert.Matches(@"^剩余 4[78] 小时 \d+ 分$", after.Page.Text("[data-test=oldest]"));
        Assert.EndsWith("/staff/review", after.Page.QuerySelector("[data-test=to-review]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.DoesNotContain("即将开放", after.Page.Body!.TextContent, StringComparison.Ordinal);

        // Two days on (China time): nothing decided yet that day, and the waiting orders are late.
        app.Clock.Advance(TimeSpan.FromHours(49));
        try
        {
            var later = await HomeAsync(reviewer);
            Assert.Equal(((0, 0), (0, 0)), (later.Mine, later.School));
            Assert.StartsWith("已超时", later.Page.Text("[data-test=oldest]"), StringComparison.Ordinal);
            Assert.Equal($"{waiting} 单已超过 48 小时，请优先审核。", later.Page.Text("[data-test=late]"));
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-49));
        }
    }

    private static async Task<(int Waiting, (int Approved, int Rejected) Mine, (int Approved, int Rejected) School, IHtmlDocument Page)> HomeAsync(HttpClient reviewer)
    {
        var (_, home) = await Html.GetAsync(reviewer, $"{A}/staff");
        static (int, int) Pair(string? text)
        {
            var parts = text!.Split('/', StringSplitOptions.TrimEntries);
            return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return (int.Parse(home.Text("[data-test=waiting]")!, System.Globalization.CultureInfo.InvariantCulture), Pair(home.Text("[data-test=mine]")), Pair(home.Text("[data-test=school]")), home);
    }

    private Task<HttpClient> ReviewerAsync() => app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
}
