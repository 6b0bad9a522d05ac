using System.Net;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>The Sandbox cashier opens only through the link the paying student was sent.</summary>
public sealed class SandboxCashierShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task OpenToNobodyWithoutTheLinkItsStudentWasSent()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        var link = (await Html.SubmitAsync(browser, order, "[data-test=pay]")).Headers.Location!.OriginalString;
        var path = link[..link.IndexOf('?', StringComparison.Ordinal)];
        var orderId = PaymentKit.OrderId(orderUrl);
        var stranger = app.Browser();

        // Knowing the payment id is not enough, and neither is a made-up proof.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(path + "?t=" + new string('0', 64))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
        Assert.All(await app.PaymentsAsync(orderId), p => Assert.Equal(PaymentStates.Pending, p.State));

        // The link itself works, as it must in a mini-program's web view without the site's cookie.
        var (response, cashier) = await Html.GetAsync(stranger, link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Html.SubmitAsync(stranger, cashier, "[data-test=sandbox-cancel]");
        Assert.Contains(await app.PaymentsAsync(orderId), p => p.State == PaymentStates.Cancelled);
    }
}
