using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>Stripe Checkout against a fake Stripe on a real local port: sessions, signed webhooks, asynchronous
/// payments, idempotent refunds and expiry. Its own app: each demo school has its own Stripe account.</summary>
public sealed class StripeShould(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string School = "http://localhost/s/beifang";
    private FakeStripe stripe = null!;
    private PaymentSettings beifang = null!;

    public async Task InitializeAsync()
    {
        stripe = await FakeStripe.StartAsync();
        beifang = stripe.NewAccount();
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ITenantSettings>().SaveAsync(beifang));
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().SaveAsync(stripe.NewAccount()));
    }

    public async Task DisposeAsync() => await stripe.DisposeAsync();

    [Fact]
    public async Task SendTheStudentToACheckoutSessionAndApplyTheVerifiedWebhookExactlyOnce()
    {
        var (orderId, browser, order) = await OrderAsync();

        var redirected = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        var payment = (await app.PaymentsAsync(orderId)).Single();
        var session = stripe.SessionsOf(MerchantNumbers.Of(payment.Id)).Single();
        Assert.Equal($"https://checkout.stripe.com/c/pay/{session["id"]}", redirected.Headers.Location!.OriginalString);
        Assert.Equal((3000L, "cny", "web"), (session["amount_total"]!.GetValue<long>(), session["currency"]!.GetValue<string>(), session["payment_method_options"]!["wechat_pay"]!["client"]!.GetValue<string>()));
        Assert.Equal(["card", "alipay", "wechat_pay"], session["payment_method_types"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.InRange(session["expires_at"]!.GetValue<long>() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1800, 86400);
        // Back from Stripe's cashier: paid or not, to the order; a cancel says so there, and marks nothing.
        var orderUrl = $"{School}/orders/{orderId}";
        Assert.Equal((orderUrl, $"{orderUrl}?{PaymentService.CancelledQuery}"), (session["success_url"]!.GetValue<string>(), session["cancel_url"]!.GetValue<string>()));
        var (_, cancelled) = await Html.GetAsync(browser, new Uri(session["cancel_url"]!.GetValue<string>()).PathAndQuery);
        Assert.NotNull(cancelled.QuerySelector("[data-test=payment-cancelled]"));
        Assert.Equal(PaymentStates.Pending, (await app.PaymentsAsync(orderId)).Single().State);

        // Paying again while the session is open goes back to the same session.
        Assert.Equal(redirected.Headers.Location, (await Html.SubmitAsync(browser, order, "[data-test=pay]")).Headers.Location);
        Assert.Single(stripe.SessionsOf(MerchantNumbers.Of(payment.Id)));

        // Refused: a wrong secret, a stale signature, a re-signed event with another amount, and the event sent to nanhu.
        var (headers, body) = stripe.Complete(session["id"]!.GetValue<string>());
        var wrongSecret = new Dictionary<string, string> { ["Stripe-Signature"] = FakeStripe.Signature(body, "whsec_not_the_school", DateTimeOffset.UtcNow) };
        var stale = new Dictionary<string, string> { ["Stripe-Signature"] = FakeStripe.Signature(body, beifang.StripeWebhookSecret!, DateTimeOffset.UtcNow.AddSeconds(-400)) };
        var cheaper = body.Replace("\"amount_total\":3000", "\"amount_total\":1", StringComparison.Ordinal);
        var resigned = new Dictionary<string, string> { ["Stripe-Signature"] = FakeStripe.Signature(cheaper, beifang.StripeWebhookSecret!, DateTimeOffset.UtcNow) };
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", wrongSecret, body));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", stale, body));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", resigned, cheaper));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("beifang", headers, "{\"type\":\"checkout.session.completed\""));
        Assert.Equal(HttpStatusCode.BadRequest, await NotifyAsync("nanhu", headers, body));
        Assert.Equal(OrderStatus.PendingPayment, await app.StatusAsync(orderId));

        // Applied once however often it arrives; an event type the product does not follow is acknowledged and dropped.
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", headers, body));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", headers, body));
        var other = stripe.Event("customer.created", stripe.Session(session["id"]!.GetValue<string>())!);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", other.Headers, other.Body));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orderId));
        Assert.Equal(1, await app.PayEventsAsync(orderId));
        Assert.Equal(stripe.Session(session["id"]!.GetValue<string>())!["payment_intent"]!.GetValue<string>(), (await app.PaymentsAsync(orderId)).Single().ProviderReference);
        Assert.Equal(0, stripe.MissingIdempotencyKeys);
    }

    [Fact]
    public async Task WaitForAnAsynchronousPaymentWhateverOrderItsEventsArriveIn()
    {
        var (orderId, browser, order) = await OrderAsync();

        // Alipay fails after the session completed: the payment is cancelled, the order still waits to be paid.
        await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var first = SessionOf((await app.PaymentsAsync(orderId))[0]);
        var completed = stripe.Complete(first, paid: false);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", completed.Headers, completed.Body));
        Assert.Equal(OrderStatus.PendingPayment, await app.StatusAsync(orderId));
        var failed = stripe.FinishAsyncPayment(first, succeeded: false);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", failed.Headers, failed.Body));
        Assert.Equal((PaymentStates.Cancelled, OrderStatus.PendingPayment), ((await app.PaymentsAsync(orderId))[0].State, await app.StatusAsync(orderId)));

        // Paying again makes a new payment and session; its success arrives before its completion.
        await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var second = SessionOf((await app.PaymentsAsync(orderId))[1]);
        Assert.NotEqual(first, second);
        var late = stripe.Complete(second, paid: false);
        var succeeded = stripe.FinishAsyncPayment(second, succeeded: true);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", succeeded.Headers, succeeded.Body));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", late.Headers, late.Body));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", failed.Headers, failed.Body));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orderId));
        Assert.Equal(1, await app.PayEventsAsync(orderId));
    }

    [Fact]
    public async Task RefundOnceThroughALostAnswerAndSettleTheOrderByWebhook()
    {
        var (orderId, browser, order) = await OrderAsync();
        await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var payment = (await app.PaymentsAsync(orderId)).Single();
        var paid = stripe.Complete(SessionOf(payment));
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", paid.Headers, paid.Body));
        var intent = (await app.PaymentsAsync(orderId)).Single().ProviderReference!;

        // Stripe refunds but the answer is lost twice: the retries carry the same Idempotency-Key, so one refund.
        stripe.LoseNextAnswers(2);
        var first = await RefundAsync(payment.Id, 1000, "重复缴费");
        Assert.Equal(RefundState.Processing, first.Refund!.State);
        Assert.Single(stripe.RefundsOf(intent));

        // A refund Stripe fails frees its amount again; too much is refused before Stripe is asked.
        var doomed = await RefundAsync(payment.Id, 2000, "部分退款");
        var failedEvent = stripe.FinishRefund(doomed.Refund!.ProviderReference!, succeeded: false);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", failedEvent.Headers, failedEvent.Body));
        Assert.Equal(2000, await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().RefundableAsync(payment.Id)));
        Assert.Equal("too_much", (await RefundAsync(payment.Id, 2001, "多退")).Problem);

        var rest = await RefundAsync(payment.Id, 2000, "余款退回");
        foreach (var refund in new[] { first.Refund!, rest.Refund! })
        {
            Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orderId));
            var done = stripe.FinishRefund(refund.ProviderReference!);
            Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", done.Headers, done.Body));
            Assert.Equal(HttpStatusCode.OK, await NotifyAsync("beifang", done.Headers, done.Body));
        }

        Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(orderId));
        // One SMS per refund that came back, each on its webhook, however often it arrived; none for the failed one.
        Assert.Equal(["10.00", "20.00"], (await app.SmsToStudentOfAsync(AppFactory.A, orderId))
            .Where(m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded)).Select(m => SmsLogKit.ParametersOf(m)[2]));
        Assert.Equal(3000, stripe.RefundsOf(intent).Where(r => r["status"]!.GetValue<string>() == "succeeded").Sum(r => r["amount"]!.GetValue<long>()));
        Assert.Equal(0, stripe.MissingIdempotencyKeys);
    }

    [Fact]
    public async Task QueryExpireAndRefundThroughTheProvider()
    {
        using var http = new HttpClient();
        var provider = new StripeProvider(beifang, http, TimeProvider.System);
        var open = NewPayment(2500);

        Assert.Equal(RemoteState.NotFound, (await provider.QueryAsync(open, default)).State);
        var checkout = await provider.CheckoutAsync(Request(open, DateTimeOffset.UtcNow.AddMinutes(5)), default);
        open.ProviderCheckout = checkout.ProviderReference;
        Assert.Equal(RemoteState.Pending, (await provider.QueryAsync(open, default)).State);
        await provider.CloseAsync(open, default);
        await provider.CloseAsync(open, default);
        Assert.Equal(RemoteState.Closed, (await provider.QueryAsync(open, default)).State);
        Assert.Equal("expired", stripe.Session(open.ProviderCheckout!)!["status"]!.GetValue<string>());

        // An expired session is not handed back: paying again makes a new one.
        var again = await provider.CheckoutAsync(Request(open, DateTimeOffset.UtcNow.AddHours(2)), default);
        Assert.NotEqual(open.ProviderCheckout, again.ProviderReference);

        // A completed session cannot be expired; its refund is read back from a webhook and a query.
        var paid = NewPayment(3000);
        var at = DateTimeOffset.UtcNow.AddHours(1);
        var tapped = await provider.CheckoutAsync(Request(paid, at), default);

        // A double tap, before the first session is stored, sends the same request under the same key: one session.
        Assert.Equal(tapped.ProviderReference, (await provider.CheckoutAsync(Request(paid, at), default)).ProviderReference);
        Assert.Single(stripe.SessionsOf(MerchantNumbers.Of(paid.Id)));
        paid.ProviderCheckout = tapped.ProviderReference;
        stripe.Complete(paid.ProviderCheckout!);
        Assert.True((await Assert.ThrowsAsync<PaymentProviderException>(() => provider.CheckoutAsync(Request(paid, DateTimeOffset.UtcNow.AddHours(1)), default))).Transient);
        var remote = await provider.QueryAsync(paid, default);
        Assert.Equal((RemoteState.Succeeded, 3000L, "CNY"), (remote.State, remote.AmountFen, remote.Currency));
        Assert.False((await Assert.ThrowsAsync<PaymentProviderException>(() => provider.CloseAsync(paid, default))).Transient);
        paid.ProviderReference = remote.ProviderReference;
        var refund = new Refund { Id = Guid.CreateVersion7(), PaymentId = paid.Id, OrderId = paid.OrderId, AmountFen = 3000, Currency = "CNY", Reason = "测试退款", RequestedBy = "test" };
        var sent = await provider.RefundAsync(refund, paid, null, default);
        Assert.Equal(RefundState.Processing, sent.State);

        // Sent again with the same refund id (as after a try left unanswered): the same refund at Stripe.
        Assert.Equal(sent.ProviderReference, (await provider.RefundAsync(refund, paid, null, default)).ProviderReference);
        Assert.Single(stripe.RefundsOf(paid.ProviderReference!));
        refund.ProviderReference = sent.ProviderReference;
        var (headers, body) = stripe.FinishRefund(sent.ProviderReference!);
        var notified = provider.ReadNotification(new HeaderDictionary(headers.ToDictionary(h => h.Key, h => new StringValues(h.Value))), body);
        Assert.Equal((refund.Id, RefundState.Succeeded), (notified!.Refund!.RefundId, notified.Refund.State));
        Assert.Equal(RefundState.Succeeded, (await provider.QueryRefundAsync(refund, paid, default)).State);

        // Another account's key sees nothing of this one; a wrong key is refused.
        var nanhu = new StripeProvider(stripe.NewAccount(), http, TimeProvider.System);
        Assert.Equal(RemoteState.NotFound, (await nanhu.QueryAsync(paid, default)).State);
        var wrong = new StripeProvider(new PaymentSettings { StripeBaseUrl = stripe.BaseUrl, StripeSecretKey = "sk_test_wrong" }, http, TimeProvider.System);
        Assert.Contains("401", (await Assert.ThrowsAsync<PaymentProviderException>(() => wrong.QueryAsync(paid, default))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryThreeTimesInAllThenReportAFailureAsTransient()
    {
        using var http = new HttpClient();
        var provider = new StripeProvider(beifang, http, TimeProvider.System);
        var payment = NewPayment(1200);
        var at = DateTimeOffset.UtcNow.AddHours(1);

        // Three failing answers reach the caller (a second layer of retries would hide them); two do not.
        stripe.FailNext(3);
        Assert.True((await Assert.ThrowsAsync<PaymentProviderException>(() => provider.CheckoutAsync(Request(payment, at), default))).Transient);
        stripe.FailNext(2);
        Assert.NotNull((await provider.CheckoutAsync(Request(payment, at), default)).RedirectUrl);

        // Nobody listening: transient too.
        var closed = new StripeProvider(new PaymentSettings { StripeBaseUrl = "http://127.0.0.1:9", StripeSecretKey = beifang.StripeSecretKey }, http, TimeProvider.System);
        Assert.True((await Assert.ThrowsAsync<PaymentProviderException>(() => closed.CheckoutAsync(Request(NewPayment(1200), at), default))).Transient);
    }

    private async Task<(Guid OrderId, HttpClient Browser, AngleSharp.Html.Dom.IHtmlDocument Order)> OrderAsync()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        return (PaymentKit.OrderId(orderUrl), browser, order);
    }

    private string SessionOf(Payment payment) => stripe.SessionsOf(MerchantNumbers.Of(payment.Id))[^1]["id"]!.GetValue<string>();

    private Task<RefundResult> RefundAsync(Guid paymentId, long fen, string reason) => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<RefundService>().RefundAsync(paymentId, fen, reason, "admin", School));

    private Task<HttpStatusCode> NotifyAsync(string school, Dictionary<string, string> headers, string body) =>
        app.NotifyAsync(school, PaymentProviderKind.Stripe, headers, body);

    private static Payment NewPayment(long fen) =>
        new() { Id = Guid.CreateVersion7(), OrderId = Guid.CreateVersion7(), Provider = "stripe", AmountFen = fen, Currency = "CNY", CreatedAt = DateTimeOffset.UtcNow };

    private static CheckoutRequest Request(Payment payment, DateTimeOffset expires) =>
        new(payment, "Sino-Foreign University - graduation photo", "https://example.edu/s/beifang", "https://example.edu/s/beifang/orders/1",
            "https://example.edu/s/beifang/pay/notify/stripe", expires, PayChannel.Desktop, "203.0.113.9", null);
}
