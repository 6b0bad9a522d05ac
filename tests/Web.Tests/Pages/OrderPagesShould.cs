using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Tenancy;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The order page after the cashier (issue 17), through the real pages: waiting for review with the review target and
/// the SMS to come, a payment cancelled at the cashier (nothing paid, pay again), 下载电子照片 of a completed order
/// (the student's own, and only once complete), and an ended order that no longer holds the student back.
/// </summary>
public sealed class OrderPagesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task SayReviewTakesUpToTheTargetAndThatTheResultComesBySms()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, unpaid) = await Html.GetAsync(browser, orderUrl);
        Assert.Null(unpaid.QuerySelector("[data-test=review-wait]"));

        await Journeys.PayInSandboxAsync(browser, orderUrl);
        var (_, paid) = await Html.GetAsync(browser, orderUrl);

        Assert.Equal("PendingReview", paid.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        var wait = paid.QuerySelector("[data-test=review-wait]")!;
        Assert.Equal(((int)ReviewDesk.Target.TotalHours).ToString(CultureInfo.InvariantCulture), wait.GetAttribute("data-hours"));
        Assert.Contains("48 小时内完成", wait.TextContent, StringComparison.Ordinal);
        Assert.Contains("短信", wait.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"1\d{2}\*{4}\d{4}", wait.TextContent);  // the phone the result goes to, masked
        var (_, english) = await Html.GetAsync(browser, orderUrl + "?culture=en");
        Assert.Contains("up to 48 hours", english.Text("[data-test=review-wait]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SayAPaymentCancelledAtTheCashierPaidNothingAndLetTheStudentPayAgain()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = PaymentKit.OrderId(orderUrl);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(browser, toCashier.Headers.Location!.OriginalString);

        var back = await Html.SubmitAsync(browser, cashier, "[data-test=sandbox-cancel]");

        Assert.Equal($"{orderUrl}?{PaymentService.CancelledQuery}", back.Headers.Location?.OriginalString);
        var (_, cancelled) = await Html.GetAsync(browser, back.Headers.Location!.OriginalString);
        Assert.Equal("PendingPayment", cancelled.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Contains("您已取消支付", cancelled.Text("[data-test=payment-cancelled]"), StringComparison.Ordinal);
        Assert.Equal("重新支付", cancelled.Text("[data-test=pay]"));
        Assert.Null(cancelled.QuerySelector("[data-test=review-wait]"));
        Assert.Equal([PaymentStates.Cancelled], (await app.PaymentsAsync(orderId)).Select(p => p.State));
        Assert.Equal((OrderStatus.PendingPayment, 0), (await app.StatusAsync(orderId), await app.PayEventsAsync(orderId)));

        // Opened again later, it still says so (the newest attempt was cancelled); in English too.
        var (_, later) = await Html.GetAsync(browser, orderUrl + "?culture=en");
        Assert.Contains("cancelled the payment", later.Text("[data-test=payment-cancelled]"), StringComparison.Ordinal);

        // Paying again is a new attempt; paid, the cancel is history and a made-up query changes nothing.
        await Journeys.PayInSandboxAsync(browser, orderUrl);
        var (_, paid) = await Html.GetAsync(browser, $"{orderUrl}?{PaymentService.CancelledQuery}");
        Assert.Equal("PendingReview", paid.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Null(paid.QuerySelector("[data-test=payment-cancelled]"));
        Assert.Equal([PaymentStates.Cancelled, PaymentStates.Succeeded], (await app.PaymentsAsync(orderId)).Select(p => p.State));
        Assert.Equal(1, await app.PayEventsAsync(orderId));
    }

    [Fact]
    public async Task LetTheStudentDownloadTheirOwnPhotoOnceTheOrderIsComplete()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);
        var download = $"{orderUrl}/photo";

        // In review, then approved and in production: no button, and the address answers nothing.
        var (_, inReview) = await Html.GetAsync(browser, orderUrl);
        Assert.Null(inReview.QuerySelector("[data-test=download-photo]"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(download)).StatusCode);
        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var desk = sp.GetRequiredService<ReviewDesk>();
            await desk.ApproveAsync(orderId, "reviewer");
            await desk.StartProductionAsync([orderId], "staff");
        });
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(download)).StatusCode);
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().CompleteAsync([orderId], "staff"));

        var (_, done) = await Html.GetAsync(browser, orderUrl);
        var button = done.QuerySelector("[data-test=download-photo]")!;
        Assert.Equal("下载电子照片", button.TextContent.Trim());
        Assert.Equal(download, button.GetAttribute("href"));
        var photo = await browser.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        var (name, number, standard) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            var record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId);
            return (record.Name, record.StudentNumber, await db.PhotoFiles.Where(f => f.PhotoId == order.PhotoId).Select(f => f.Standard).SingleAsync());
        });
        Assert.Equal(standard, await photo.Content.ReadAsByteArrayAsync());
        var disposition = photo.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"{name}_{number}.jpg", disposition.FileNameStar);  // UTF-8 (RFC 5987), decoded by the client
        Assert.Equal($"{number}.jpg", disposition.FileName);  // the ASCII fallback

        // Nobody else's: another student here, and the same address at another school.
        var other = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var elsewhere = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(download.Replace("/s/beifang/", "/s/nanhu/", StringComparison.Ordinal))).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Browser().GetAsync(download)).StatusCode);

        // The JSON API offers the same download (its sign-in sends the phone a new code: past the minute between codes).
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var api = await app.ApiStudentAsync(AppFactory.A, await PhoneOfAsync(orderId));
        var view = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"{Base}/api/v1/orders/{orderId}")).RootElement;
        Assert.Contains("download_photo", view.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        var fromApi = await api.GetAsync($"{Base}/api/v1/orders/{orderId}/photo");
        Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
        Assert.Equal($"{name}_{number}.jpg", fromApi.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiStudentAsync(AppFactory.A)).GetAsync($"{Base}/api/v1/orders/{orderId}/photo")).StatusCode);
    }

    [Fact]
    public async Task LetAGraduateWhoseOrderWasRefundedStartAgain()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);
        var (_, paid) = await Html.GetAsync(browser, orderUrl);
        Assert.Null(paid.QuerySelector("[data-test=start-again]"));
        Assert.Equal(Base + "/orders", (await browser.GetAsync(Base + "/collect")).Headers.Location?.OriginalString);

        await RefundAsync(orderId);

        var (_, refunded) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("Refunded", refunded.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Equal(Base + "/collect", refunded.QuerySelector("[data-test=start-again]")?.GetAttribute("href"));
        Assert.Equal(Base + "/collect/capture", (await browser.GetAsync(Base + "/collect")).Headers.Location?.OriginalString);
        var second = await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto());
        Assert.NotEqual(orderUrl, second);
        var (_, fresh) = await Html.GetAsync(browser, second);
        Assert.Equal("PendingPayment", fresh.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        var (_, old) = await Html.GetAsync(browser, orderUrl);
        Assert.Null(old.QuerySelector("[data-test=start-again]"));  // a new order is under way
    }

    [Fact]
    public async Task FreeTheClaimOfAnOrderThatEndedWithoutFreeingIt()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = PaymentKit.OrderId(orderUrl);
        Assert.Equal(Base + "/orders", (await browser.GetAsync(Base + "/collect")).Headers.Location?.OriginalString);

        // Closed in the order grain only: the process stopped before it freed the student's claim.
        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var result = await sp.GetRequiredService<IGrainFactory>().Order(sp.GetRequiredService<TenantContext>().RequiredSchool.Id, orderId).CloseAsync("system", "unpaid");
            Assert.Equal(OrderStatus.Closed, result.State?.Status);
        });

        // This instance saw the order open a moment ago and does not ask again for half a minute; then it frees it.
        Assert.Equal(Base + "/orders", (await browser.GetAsync(Base + "/collect")).Headers.Location?.OriginalString);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(Base + "/collect/capture", (await browser.GetAsync(Base + "/collect")).Headers.Location?.OriginalString);
        var (_, camera) = await Html.GetAsync(browser, Base + "/collect/capture");
        Assert.NotNull(camera.QuerySelector("input[name=Photo]"));
    }

    private Task RefundAsync(Guid orderId) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var payment = await sp.GetRequiredService<AppDbContext>().Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId && p.State == PaymentStates.Succeeded);
        var result = await sp.GetRequiredService<RefundService>().RefundAsync(payment.Id, payment.AmountFen, "学生申请退款", "admin", null);
        Assert.Equal(RefundState.Succeeded, result.Refund!.State);
    });

    private Task<string> PhoneOfAsync(Guid orderId) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var account = await db.Orders.Where(o => o.Id == orderId).Select(o => o.AccountId).SingleAsync();
        return (await db.Users.AsNoTracking().SingleAsync(u => u.Id == account)).PhoneNumber!;
    });
}
