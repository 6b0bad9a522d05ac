using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>WeChat Pay (服务商) against a fake WeChat Pay server on a real local port: checkout, signed notifications,
/// retries, query, close and refunds. Its own app: both demo schools are switched to WeChat Pay.</summary>
public sealed class WeChatPayShould(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string BeifangSub = "1900000109";
    private const string NanhuSub = "1900000110";
    private FakeWeChatPay wechat = null!;

    public async Task InitializeAsync()
    {
        wechat = await FakeWeChatPay.ForAppAsync(app, BeifangSub);
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().SaveAsync(FakeWeChatPay.Settings(NanhuSub)));
    }

    public async Task DisposeAsync() => await wechat.DisposeAsync();

    [Fact]
    public async Task ShowAQrOnADesktopAndApplyTheSignedNotificationExactlyOnce()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = PaymentKit.OrderId(orderUrl);
        var (_, order) = await Html.GetAsync(browser, orderUrl);

        var page = await Html.ParseAsync(await Html.SubmitAsync(browser, order, "[data-test=pay]"));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("[data-test=pay-qr] img")?.GetAttribute("src"), StringComparison.Ordinal);
        var tradeNo = MerchantNumbers.Of(await PaymentIdAsync(orderId));
        var placed = wechat.Order(tradeNo)!;
        Assert.Equal((3000L, BeifangSub, "NATIVE"), (placed["amount"]!["total"]!.GetValue<long>(), placed["sub_mchid"]!.GetValue<string>(), placed["trade_type"]!.GetValue<string>()));

        // Refused: a stale signature, a body altered after signing, and beifang's notification sent to nanhu.
        var (headers, body) = wechat.Pay(tradeNo);
        var stale = wechat.Notification("TRANSACTION.SUCCESS", "transaction", placed, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", stale.Headers, stale.Body));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", headers, body.Replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCESS ", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("nanhu", headers, body));
        Assert.Equal(OrderStatus.PendingPayment, await StatusAsync(orderId));

        // Applied once, however often it arrives, and under either key (the public key, or the platform certificate).
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", headers, body));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", headers, body));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", wechat.SignatureHeadersByCertificate(body), body));
        Assert.Equal(OrderStatus.PendingReview, await StatusAsync(orderId));
        Assert.Equal(1, await app.PayEventsAsync(orderId));
        Assert.Equal(0, wechat.BadSignatures);
    }

    [Fact]
    public async Task SendAPhoneBrowserToH5AfterRetryingTheProvidersFailures()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        browser.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148");

        wechat.FailNext(2);
        var redirected = await Html.SubmitAsync(browser, order, "[data-test=pay]");

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        var location = redirected.Headers.Location!.OriginalString;
        Assert.StartsWith("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=", location, StringComparison.Ordinal);
        Assert.Contains("redirect_url=" + Uri.EscapeDataString("http://localhost/s/beifang/orders/"), location, StringComparison.Ordinal);

        // Down for good: a clear message, and the order is as it was.
        wechat.FailNext(ProviderHttp.Attempts);
        var failed = await Html.ParseAsync(await Html.SubmitAsync(browser, order, "[data-test=pay]"));
        Assert.Contains("稍后重试", failed.Text(".alert"), StringComparison.Ordinal);
        Assert.Equal("PendingPayment", failed.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task RefundInPartsNeverMoreThanWasPaidAndSettleTheOrderWhenAllIsBack()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = PaymentKit.OrderId(orderUrl);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var paymentId = await PaymentIdAsync(orderId);
        var paid = wechat.Pay(MerchantNumbers.Of(paymentId));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", paid.Headers, paid.Body));
        const string School = "http://localhost/s/beifang";

        var (noReason, first) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var refunds = sp.GetRequiredService<RefundService>();
            return (await refunds.RefundAsync(paymentId, 100, " ", "admin", School), await refunds.RefundAsync(paymentId, 1000, "重复缴费", "admin", School));
        });
        Assert.Equal("reason", noReason.Problem);
        Assert.Equal(RefundState.Processing, first.Refund!.State);

        // Two refunds of 1,500 at once with 2,000 left: exactly one is taken.
        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<RefundService>().RefundAsync(paymentId, 1500, "部分退款", "admin", School))));
        Assert.Single(both, r => r.Refund is not null);
        Assert.Single(both, r => r.Problem == "too_much");
        var last = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().RefundAsync(paymentId, 500, "余款退回", "admin", School));
        Assert.Equal(0, await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().RefundableAsync(paymentId)));

        // The provider finishes them; the replayed notification changes nothing; when all is back the order is 已退款.
        foreach (var refund in new[] { first.Refund!, both.Single(r => r.Refund is not null).Refund!, last.Refund! })
        {
            Assert.Equal(OrderStatus.PendingReview, await StatusAsync(orderId));
            var done = wechat.FinishRefund(MerchantNumbers.Of(refund.Id));
            Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", done.Headers, done.Body));
            Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", done.Headers, done.Body));
        }

        Assert.Equal(OrderStatus.Refunded, await StatusAsync(orderId));
        var states = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).Select(r => new { r.State, r.AmountFen }).ToListAsync());
        Assert.Equal(3000, states.Sum(r => r.AmountFen));
        Assert.All(states, r => Assert.Equal(RefundState.Succeeded, r.State));
    }

    [Fact]
    public async Task QueryCloseAndRefundThroughTheProvider()
    {
        using var http = new HttpClient();
        var provider = new WeChatPayProvider(wechat.Platform(), BeifangSub, http, TimeProvider.System);
        var open = NewPayment(2500);
        var paid = NewPayment(3000);

        Assert.Equal(RemoteState.NotFound, (await provider.QueryAsync(open, default)).State);
        var qr = await provider.CheckoutAsync(Request(open, PayChannel.Desktop), default);
        Assert.StartsWith("weixin://wxpay/", qr.QrText, StringComparison.Ordinal);
        Assert.Equal(RemoteState.Pending, (await provider.QueryAsync(open, default)).State);
        await provider.CloseAsync(open, default);
        Assert.Equal(RemoteState.Closed, (await provider.QueryAsync(open, default)).State);

        var jsapi = await provider.CheckoutAsync(Request(paid, PayChannel.WeChat, openId: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), default);
        Assert.True(wechat.VerifyPaySign(jsapi.JsApi!));
        Assert.StartsWith("prepay_id=", jsapi.JsApi!["package"], StringComparison.Ordinal);
        wechat.Pay(MerchantNumbers.Of(paid.Id));
        var remote = await provider.QueryAsync(paid, default);
        Assert.Equal((RemoteState.Succeeded, 3000L), (remote.State, remote.AmountFen));
        Assert.NotNull(remote.ProviderReference);

        // A partial refund, then more than is left is refused; the refund becomes final by notification.
        var refund = new Refund { Id = Guid.CreateVersion7(), PaymentId = paid.Id, OrderId = paid.OrderId, AmountFen = 1000, Reason = "测试退款", RequestedBy = "test" };
        Assert.Equal(RefundState.Processing, (await provider.RefundAsync(refund, paid, "https://example.edu/notify", default)).State);
        var tooMuch = new Refund { Id = Guid.CreateVersion7(), PaymentId = paid.Id, OrderId = paid.OrderId, AmountFen = 2001, Reason = "测试退款", RequestedBy = "test" };
        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() => provider.RefundAsync(tooMuch, paid, "https://example.edu/notify", default));
        Assert.False(refused.Transient);
        var (headers, body) = wechat.FinishRefund(MerchantNumbers.Of(refund.Id));
        var notified = provider.ReadNotification(new Microsoft.AspNetCore.Http.HeaderDictionary(headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value))), body);
        Assert.Equal((refund.Id, RefundState.Succeeded), (notified!.Refund!.RefundId, notified.Refund.State));
        Assert.Equal(RefundState.Succeeded, (await provider.QueryRefundAsync(refund, paid, default)).State);
        Assert.Equal(0, wechat.BadSignatures);
    }

    [Fact]
    public async Task RefuseToTrustAnAnswerSignedByAnotherKeyOrToSignWithAWrongOne()
    {
        using var http = new HttpClient();
        var wrongMerchant = wechat.Platform();
        using (var other = RSA.Create(2048))
        {
            wrongMerchant.MerchantPrivateKey = other.ExportPkcs8PrivateKeyPem();
        }

        var refused = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            new WeChatPayProvider(wrongMerchant, BeifangSub, http, TimeProvider.System).CheckoutAsync(Request(NewPayment(100), PayChannel.Desktop), default));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        var wrongPlatform = wechat.Platform();
        using (var other = RSA.Create(2048))
        {
            wrongPlatform.PublicKey = other.ExportSubjectPublicKeyInfoPem();
        }

        var untrusted = await Assert.ThrowsAsync<PaymentProviderException>(() =>
            new WeChatPayProvider(wrongPlatform, BeifangSub, http, TimeProvider.System).CheckoutAsync(Request(NewPayment(100), PayChannel.Desktop), default));
        Assert.Contains("signature", untrusted.Message, StringComparison.Ordinal);
    }

    private static Payment NewPayment(long fen) =>
        new() { Id = Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), Provider = "wechatpay", AmountFen = fen, CreatedAt = DateTimeOffset.UtcNow };

    private static CheckoutRequest Request(Payment payment, PayChannel channel, string? openId = null) =>
        new(payment, "北方示范大学-毕业照片", "https://example.edu/s/beifang", "https://example.edu/s/beifang/orders/1", "https://example.edu/s/beifang/pay/notify/wechatpay",
            DateTimeOffset.UtcNow.AddMinutes(30), channel, "203.0.113.9", openId);

    private Task<HttpStatusCode> NotifyAsync(string school, Dictionary<string, string> headers, string body) =>
        app.NotifyAsync(school, PaymentProviderKind.WeChatPay, headers, body);

    private async Task<Guid> PaymentIdAsync(Guid orderId) => (await app.PaymentsAsync(orderId)).Single().Id;

    private Task<OrderStatus> StatusAsync(Guid orderId) => app.StatusAsync(orderId);
}
