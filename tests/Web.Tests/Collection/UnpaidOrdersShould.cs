using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains.Orders;
using Photocollect.Collection;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The unpaid-order deadline. Its own app: the test moves the clock.</summary>
public sealed class UnpaidOrdersShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CloseAnOrderUnpaidPastItsDeadlineAndRefundAPaymentThatArrivesLate()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = PaymentKit.OrderId(orderUrl);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");  // a payment started, never finished
        var paymentId = PaymentKit.CashierPaymentId(toCashier.Headers.Location!);

        Assert.Equal(0, await CloseAsync());  // not due yet
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await CloseAsync() >= 1);

        var (_, closed) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("Closed", closed.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Null(closed.QuerySelector("[data-test=pay]"));

        // The provider's payment notification arrives after the close: the money is marked to go back.
        var outcome = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (body, signature) = await Sandbox.NotificationAsync(sp, paymentId, paid: true);
            return await Sandbox.HandleAsync(sp, body, signature);
        });
        Assert.Equal(NotificationOutcome.RefundDue, outcome);
        Assert.Equal(OrderStatus.Closed, await app.StatusAsync(orderId));

        // The student can order again.
        var again = await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto());
        Assert.NotEqual(orderUrl, again);
        var (_, fresh) = await Html.GetAsync(browser, again);
        Assert.Equal("PendingPayment", fresh.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task RefuseAForgedOrAlteredNotification()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var paymentId = PaymentKit.CashierPaymentId(toCashier.Headers.Location!);

        var (forged, altered) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (body, signature) = await Sandbox.NotificationAsync(sp, paymentId, paid: true);
            return (await Sandbox.HandleAsync(sp, body, Tamper.Change(signature)),
                await Sandbox.HandleAsync(sp, body.Replace("\"amountFen\":3000", "\"amountFen\":1", StringComparison.Ordinal), signature));
        });

        Assert.Equal(NotificationOutcome.Refused, forged);
        Assert.Equal(NotificationOutcome.Refused, altered);
        var (_, still) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingPayment", still.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
    }

    private Task<int> CloseAsync() => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());
}
