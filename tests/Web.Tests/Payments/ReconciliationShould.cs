using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Tenancy;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>What notifications miss, caught by the payments job's steps against the fake WeChat Pay: payments found
/// by query, provider orders closed at the deadline, automatic refunds, refunds sent again and followed. Its own app:
/// the test moves the clock, and the fake keeps the same time.</summary>
public sealed class ReconciliationShould(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string School = "http://localhost/s/beifang";
    private FakeWeChatPay wechat = null!;

    public async Task InitializeAsync() => wechat = await FakeWeChatPay.ForAppAsync(app);

    public async Task DisposeAsync() => await wechat.DisposeAsync();

    [Fact]
    public async Task ApplyAPaymentWhoseNotificationNeverCameOnce()
    {
        var (orderId, payment) = await StartPayingAsync();
        wechat.Pay(MerchantNumbers.Of(payment.Id));  // the notification is lost

        Assert.Equal(0, (await ReconcileAsync()).PaymentsApplied);  // too fresh to ask about
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, (await ReconcileAsync()).PaymentsApplied);
        Assert.Equal(0, (await ReconcileAsync()).PaymentsApplied);
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orderId));
        Assert.Equal(1, await app.PayEventsAsync(orderId));
    }

    [Fact]
    public async Task CloseTheProviderOrderAtTheDeadlineButKeepOneThatWasPaidMeanwhile()
    {
        var (unpaid, unpaidPayment) = await StartPayingAsync();
        var (paidLate, paidLatePayment) = await StartPayingAsync();
        wechat.Pay(MerchantNumbers.Of(paidLatePayment.Id));  // paid in the last second; its notification is late

        // The provider does not answer: nothing is closed while it might still say "paid".
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        wechat.FailNext(1000);
        Assert.Equal(0, await CloseDueAsync());
        Assert.Equal(OrderStatus.PendingPayment, await app.StatusAsync(unpaid));
        wechat.FailNext(0);

        Assert.True(await CloseDueAsync() >= 1);
        Assert.Equal(OrderStatus.Closed, await app.StatusAsync(unpaid));
        Assert.Equal("CLOSED", wechat.Order(MerchantNumbers.Of(unpaidPayment.Id))!["trade_state"]!.GetValue<string>());
        var closed = (await app.PaymentsAsync(unpaid)).Single();
        Assert.Equal(PaymentStates.Cancelled, closed.State);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(paidLate));

        // Past the hour of grace, an order closes even if its provider still does not answer.
        var (stuck, _) = await StartPayingAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(31) + PaymentService.GiveUpClosingAfter);
        wechat.FailNext(1000);
        await CloseDueAsync();
        wechat.FailNext(0);
        Assert.Equal(OrderStatus.Closed, await app.StatusAsync(stuck));
    }

    [Fact]
    public async Task RefundASecondPaymentOfAnOrderAndFollowTheRefundToTheEnd()
    {
        var (orderId, first) = await StartPayingAsync();
        var paid = wechat.Pay(MerchantNumbers.Of(first.Id));
        Assert.Equal(HttpStatusCode.OK, await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, paid.Headers, paid.Body));

        // An older QR code of the same order is paid as well (a second payment row, as after a provider switch).
        var second = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var payment = new Payment { Id = Guid.CreateVersion7(), OrderId = orderId, Provider = "wechatpay", AmountFen = first.AmountFen, CreatedAt = app.Clock.GetUtcNow() };
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
            var provider = await sp.GetRequiredService<PaymentProviders>().ForAsync(PaymentProviderKind.WeChatPay);
            await provider.CheckoutAsync(new CheckoutRequest(payment, "北方示范大学", School, School, School + "/pay/notify/wechatpay", app.Clock.GetUtcNow().AddMinutes(30), PayChannel.Desktop, null, null), default);
            return payment;
        });
        var twice = wechat.Pay(MerchantNumbers.Of(second.Id));
        Assert.Equal(HttpStatusCode.OK, await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, twice.Headers, twice.Body));
        Assert.Equal(PaymentStates.RefundDue, (await app.PaymentsAsync(orderId))[1].State);

        // Refunded in full once, however often the job runs; the provider's final answer is found by query.
        Assert.Equal(1, (await ReconcileAsync()).RefundsStarted);
        Assert.Equal(0, (await ReconcileAsync()).RefundsStarted);
        var refund = await RefundsOfAsync(second.Id);
        Assert.Equal((RefundState.Processing, first.AmountFen, PaymentReconciliation.PaidTwice), (refund.Single().State, refund.Single().AmountFen, refund.Single().Reason));
        wechat.FinishRefund(MerchantNumbers.Of(refund.Single().Id));  // its notification is lost
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, (await ReconcileAsync()).RefundsUpdated);
        Assert.Equal(RefundState.Succeeded, (await RefundsOfAsync(second.Id)).Single().State);
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orderId));  // the first payment stands
        // The student hears of the money coming back once, when the query found it done.
        Assert.Single(await app.SmsToStudentOfAsync(AppFactory.A, orderId), m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded));
    }

    [Fact]
    public async Task SendARefundAgainThatTheProviderNeverAnsweredUnderTheSameNumber()
    {
        var (_, payment) = await StartPayingAsync();
        var paid = wechat.Pay(MerchantNumbers.Of(payment.Id));
        await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, paid.Headers, paid.Body);

        wechat.FailNext(ProviderHttp.Attempts);
        var refund = (await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().RefundAsync(payment.Id, 1000, "部分退款", "admin", School))).Refund!;
        Assert.Equal(RefundState.Pending, refund.State);

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await ReconcileAsync();
        await ReconcileAsync();
        Assert.Equal(RefundState.Processing, (await RefundsOfAsync(payment.Id)).Single().State);
        Assert.Equal(1000, wechat.RefundsOf(MerchantNumbers.Of(payment.Id)).Single()["amount"]!["refund"]!.GetValue<long>());
    }

    [Fact]
    public async Task RefundOrdersNotCollectedWhenTheWindowEndsAndKeepCollectedOnes()
    {
        var (rejected, rejectedPayment) = await StartPayingAsync();
        var (collected, _) = await StartPayingAsync();
        foreach (var order in new[] { rejected, collected })
        {
            var payment = (await app.PaymentsAsync(order)).Single();
            var paid = wechat.Pay(MerchantNumbers.Of(payment.Id));
            await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, paid.Headers, paid.Body);
        }

        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<IGrainFactory>().Order(sp.GetRequiredService<Photocollect.Tenancy.TenantContext>().RequiredSchool.Id, rejected).RejectAsync("reviewer", "背景不符"));
        Assert.Equal(0, (await ReconcileAsync()).RefundsStarted);  // the window is still open

        var campaignId = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == rejected).Select(o => o.CampaignId).SingleAsync());
        var endsAt = await SetWindowEndAsync(campaignId, app.Clock.GetUtcNow().AddMinutes(-1));
        try
        {
            Assert.Equal(1, (await ReconcileAsync()).RefundsStarted);
            var refund = (await RefundsOfAsync(rejectedPayment.Id)).Single();
            Assert.Equal((PaymentReconciliation.NotCollected, rejectedPayment.AmountFen, PaymentReconciliation.System), (refund.Reason, refund.AmountFen, refund.RequestedBy));
            var done = wechat.FinishRefund(MerchantNumbers.Of(refund.Id));
            Assert.DoesNotContain(await app.SmsToStudentOfAsync(AppFactory.A, rejected), m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded));
            await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, done.Headers, done.Body);
            await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, done.Headers, done.Body);
            Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(rejected));
            // Texted once, when WeChat Pay's notification said the money was back (not when the refund was asked for).
            Assert.Single(await app.SmsToStudentOfAsync(AppFactory.A, rejected), m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded));
            Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(collected));
            Assert.Equal(0, (await ReconcileAsync()).RefundsStarted);
        }
        finally
        {
            await SetWindowEndAsync(campaignId, endsAt);
        }
    }

    private async Task<(Guid OrderId, Payment Payment)> StartPayingAsync()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var orderId = PaymentKit.OrderId(orderUrl);
        return (orderId, (await app.PaymentsAsync(orderId)).Single());
    }

    private Task<ReconciliationReport> ReconcileAsync() => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync());

    private Task<int> CloseDueAsync() => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());

    private Task<List<Refund>> RefundsOfAsync(Guid paymentId) => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<AppDbContext>().Refunds.AsNoTracking().Where(r => r.PaymentId == paymentId).OrderBy(r => r.CreatedAt).ToListAsync());

    private Task<DateTimeOffset> SetWindowEndAsync(Guid campaignId, DateTimeOffset endsAt) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var before = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.EndsAt).SingleAsync();
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.EndsAt, endsAt));
        sp.GetRequiredService<CampaignDirectory>().Forget(sp.GetRequiredService<TenantContext>().RequiredSchool.Id);
        return before;
    });
}
