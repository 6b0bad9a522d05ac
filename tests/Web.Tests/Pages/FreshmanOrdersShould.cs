using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Sms;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// 新生照片上传 orders as the student, the school and the SMS see them (issue 17), through the real pages: called
/// 新生照片 (a graduate's stays 集采), no ID line (a freshman gives no ID number, so there is nothing true to mask),
/// every SMS about them says 新生照片, and a refunded freshman is not sent to the order list but starts again.
/// </summary>
public sealed class FreshmanOrdersShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task CallAFreshmansOrderANewStudentPhotoAndShowNoIdNumberItNeverHad()
    {
        var phone = AppFactory.NewPhone();
        var (browser, orderUrl, _, _) = await app.FreshmanOrderAsync(phone, pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);

        var (_, list) = await Html.GetAsync(browser, Base + "/orders");
        Assert.Equal("新生照片", list.QuerySelector($"[data-test=order] [data-test=order-kind]")?.TextContent);
        var (_, detail) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("新生照片", detail.Text("[data-test=order-kind]"));
        Assert.Null(detail.QuerySelector("[data-test=order-id-number]"));
        Assert.DoesNotContain("身份证号", detail.Text("[data-test=order-card]"), StringComparison.Ordinal);
        Assert.DoesNotContain("集采", detail.Body!.TextContent, StringComparison.Ordinal);
        var (_, english) = await Html.GetAsync(browser, orderUrl + "?culture=en");
        Assert.Equal("Freshman photo", english.Text("[data-test=order-kind]"));
        var (_, account) = await Html.GetAsync(browser, Base + "/account");
        Assert.Contains("新生照片", account.Text("[data-test=held-order]"), StringComparison.Ordinal);

        // A graduate's order is still 集采, with the ID number masked.
        var (graduate, graduateUrl) = await app.OrderAsync(pay: false);
        var (_, theirs) = await Html.GetAsync(graduate, graduateUrl);
        Assert.Equal("集采", theirs.Text("[data-test=order-kind]"));
        Assert.Matches(@"^\d{3}\*{11}[\dX]{4}$", theirs.Text("[data-test=order-id-number]"));

        // The school admin's ledger, and what the reviewer's queue is given to label it.
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var payment = (await app.PaymentsAsync(orderId)).Single();
        var (_, ledger) = await Html.GetAsync(admin, Base + "/staff/payments");
        Assert.Equal("新生照片", ledger.Text($"[data-payment='{payment.Id}'] [data-test=ledger-kind]"));
        var queued = await app.InSchoolAsync(AppFactory.A, async sp => (await sp.GetRequiredService<ReviewDesk>().QueueAsync()).Single(i => i.OrderId == orderId));
        Assert.Equal(("OrderKind.Freshman", CampaignKind.Freshman), (OrderLabels.KindKey(Photocollect.Grains.Orders.OrderKind.Group, queued.Kind), queued.Kind));
        Assert.Equal("OrderKind.Freshman", await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().KindKeyAsync(orderId)));

        // The JSON API says the same (its sign-in sends the phone a new code: past the minute between codes).
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var api = await app.ApiStudentAsync(AppFactory.A, phone);
        var view = JsonDocument.Parse(await api.GetStringAsync($"{Base}/api/v1/orders/{orderId}")).RootElement;
        Assert.Equal("新生照片", view.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("idNumber").ValueKind);
    }

    [Fact]
    public async Task SayNewStudentPhotoInEverySmsAboutAFreshmansOrder()
    {
        var (browser, orderUrl, name, _) = await app.FreshmanOrderAsync(AppFactory.NewPhone(), pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);

        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ReviewDesk>().RejectAsync(orderId, "reviewer", "extra_content"));
        Assert.Equal(orderUrl, await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto(), "/freshman"));  // 修改照片
        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var desk = sp.GetRequiredService<ReviewDesk>();
            await desk.ApproveAsync(orderId, "reviewer");
            await desk.StartProductionAsync([orderId], "staff");
            await desk.CompleteAsync([orderId], "staff");
        });

        var sent = (await app.SmsToStudentOfAsync(AppFactory.A, orderId)).Where(m => m.Template != nameof(SmsTemplate.LoginCode)).ToList();
        Assert.Equal([nameof(SmsTemplate.ReviewRejected), nameof(SmsTemplate.ReviewApproved), nameof(SmsTemplate.Completed)], sent.Select(m => m.Template));
        Assert.All(sent, m =>
        {
            Assert.Contains($"{name}同学，您的新生照片", m.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("毕业照片", m.Text, StringComparison.Ordinal);
            var parameters = SmsLogKit.ParametersOf(m);
            Assert.Equal(SmsTemplates.ParameterNames(Enum.Parse<SmsTemplate>(m.Template)).Count, parameters.Length);
            Assert.Equal(("新生照片", SmsLogOutcomes.Sent), (parameters[^1], m.Outcome));
        });
        Assert.Contains("图像额外内容", sent[0].Text, StringComparison.Ordinal);
        Assert.Contains("下载电子照片", sent[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetARefundedFreshmanStartAgainAndTellThemOfTheRefund()
    {
        var (browser, orderUrl, _, _) = await app.FreshmanOrderAsync(AppFactory.NewPhone(), pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);
        var payment = (await app.PaymentsAsync(orderId)).Single();
        Assert.Equal(Base + "/orders", (await browser.GetAsync(Base + "/freshman")).Headers.Location?.OriginalString);  // under way

        // The school admin refunds it in full on the ledger.
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, ledger) = await Html.GetAsync(admin, Base + "/staff/payments");
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(admin, ledger, $"[data-payment='{payment.Id}'] [data-test=refund]",
            new Dictionary<string, string?> { ["Amount"] = "15.00", ["Reason"] = "新生退费" }));
        var refunded = await Html.SubmitAsync(admin, confirm, "[data-test=confirm-refund]");
        Assert.Equal(HttpStatusCode.Redirect, refunded.StatusCode);

        var refundSms = (await app.SmsToStudentOfAsync(AppFactory.A, orderId)).Single(m => m.Template == nameof(SmsTemplate.Refunded));
        Assert.Contains("新生照片订单", refundSms.Text, StringComparison.Ordinal);
        Assert.Contains("已退款15.00元", refundSms.Text, StringComparison.Ordinal);
        Assert.Equal("新生照片", SmsLogKit.ParametersOf(refundSms)[^1]);

        // Not sent to the order list any more: the order page offers to start again, the entry goes to the camera.
        var (_, detail) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("Refunded", detail.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Equal(Base + "/freshman", detail.QuerySelector("[data-test=start-again]")?.GetAttribute("href"));
        Assert.Equal(Base + "/freshman/capture", (await browser.GetAsync(Base + "/freshman")).Headers.Location?.OriginalString);
        var again = await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto(), "/freshman");
        Assert.NotEqual(orderUrl, again);
        var (_, fresh) = await Html.GetAsync(browser, again);
        Assert.Equal(("PendingPayment", "新生照片"), (fresh.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"), fresh.Text("[data-test=order-kind]")));
        var (_, list) = await Html.GetAsync(browser, Base + "/orders");
        Assert.Equal(["PendingPayment", "Refunded"], list.QuerySelectorAll("[data-test=order]").Select(o => o.GetAttribute("data-status")));
    }
}
