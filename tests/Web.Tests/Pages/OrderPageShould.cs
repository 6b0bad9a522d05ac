using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// An order's page is held beside the order list (decision 018): read from the database once, then from the grain
/// until something it shows changes; a refund asked for and its result are on the next page the student opens.
/// </summary>
public sealed class OrderPageShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReadNothingWhileHeldAndShowARefundOnTheNextPage()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: true);
        var (_, first) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingReview", first.QuerySelector("[data-test=order-card]")!.GetAttribute("data-status"));
        Assert.Empty(first.QuerySelectorAll("[data-test=refund]"));

        using (app.Sql.Record())
        {
            var (_, held) = await Html.GetAsync(browser, orderUrl);
            Assert.Equal(first.QuerySelector("[data-test=order-card]")!.OuterHtml, held.QuerySelector("[data-test=order-card]")!.OuterHtml);
            Assert.DoesNotContain(app.Sql.Commands, IsThePageQuery);
        }

        var orderId = PaymentKit.OrderId(orderUrl);
        var refund = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var payment = await sp.GetRequiredService<AppDbContext>().Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId && p.State == PaymentStates.Succeeded);
            return await sp.GetRequiredService<RefundService>().RefundAsync(payment.Id, 100, "多收的冲印费", "admin@beifang.demo", null);
        });
        Assert.Null(refund.Problem);

        IReadOnlyList<string> read;
        string? state;
        using (app.Sql.Record())
        {
            var (_, page) = await Html.GetAsync(browser, orderUrl);
            var line = Assert.Single(page.QuerySelectorAll("[data-test=refund]"));
            Assert.Contains("多收的冲印费", line.TextContent, StringComparison.Ordinal);
            state = line.GetAttribute("data-state");
            read = app.Sql.Commands;
        }

        // The refund dropped the held page, so this one read the database, and shows the refund as it stands now.
        Assert.Contains(read, IsThePageQuery);
        Assert.Equal(refund.Refund!.State.ToString(), state);
    }

    [Fact]
    public async Task ShowARefundsNewStateOnTheNextPage()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = PaymentKit.OrderId(orderUrl);
        // A refund the provider has not finished: recorded as the refund service records it, and the page told.
        var refundId = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.OrderId == orderId && p.State == PaymentStates.Succeeded);
            var refund = new Refund
            {
                Id = Guid.CreateVersion7(), PaymentId = payment.Id, OrderId = orderId, AmountFen = 100, Reason = "多收的冲印费",
                State = RefundState.Pending, RequestedBy = "admin@beifang.demo", CreatedAt = app.Clock.GetUtcNow(),
            };
            db.Refunds.Add(refund);
            await db.SaveChangesAsync();
            var account = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.AccountId).SingleAsync();
            await sp.GetRequiredService<StudentOrders>().ChangedAsync([account]);
            return refund.Id;
        });
        Assert.Equal("Pending", await RefundStateAsync(browser, orderUrl));
        Assert.Equal("Pending", await RefundStateAsync(browser, orderUrl));  // held

        // The provider says it is under way: the next page shows it.
        var outcome = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<RefundService>().ApplyAsync(new RemoteRefund(refundId, RefundState.Processing, "R-1")));
        Assert.Equal(NotificationOutcome.Applied, outcome);
        Assert.Equal("Processing", await RefundStateAsync(browser, orderUrl));
    }

    private static async Task<string?> RefundStateAsync(HttpClient browser, string orderUrl)
    {
        var (_, page) = await Html.GetAsync(browser, orderUrl);
        return Assert.Single(page.QuerySelectorAll("[data-test=refund]")).GetAttribute("data-state");
    }

    private static bool IsThePageQuery(string sql) =>
        sql.Contains("FROM \"Orders\"", StringComparison.Ordinal) && sql.Contains("FROM \"Refunds\"", StringComparison.Ordinal);
}
