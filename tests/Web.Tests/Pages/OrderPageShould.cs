using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// An order's page is held beside the order list (decision 017): read from the database once, then from the grain
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

    private static bool IsThePageQuery(string sql) =>
        sql.Contains("FROM \"Orders\"", StringComparison.Ordinal) && sql.Contains("FROM \"Refunds\"", StringComparison.Ordinal);
}
