using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// 我的订单 is held by the student's order-list grain (decision 017): what changed is on the next page the student
/// opens, whether an order grain changed it (a payment) or the desk changed the name on the record.
/// </summary>
public sealed class OrderListShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task ListAPaymentOnTheNextPage()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var number = await NumberAsync(orderUrl);
        Assert.Equal("PendingPayment", await StatusOnListAsync(browser, number, ""));

        await Journeys.PayInSandboxAsync(browser, orderUrl);

        Assert.Equal("PendingReview", await StatusOnListAsync(browser, number, ""));
        Assert.Null(await StatusOnListAsync(browser, number, "?status=PendingPayment"));
        Assert.Equal("PendingReview", await StatusOnListAsync(browser, number, "?status=PendingReview"));
    }

    [Fact]
    public async Task ShowANameCorrectedAtTheDeskOnTheNextPage()
    {
        var (browser, orderUrl) = await app.OrderAsync(pay: false);
        var number = await NumberAsync(orderUrl);
        Assert.NotNull(await StatusOnListAsync(browser, number, ""));

        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Number == number);
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == order.CampaignId);
            var record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId);
            Assert.Null(await sp.GetRequiredService<OnSiteDesk>().CorrectAsync(campaign, record.Id, "欧阳改名", record.IdNumber, "核对身份证原件", "admin@beifang.demo"));
        });

        var (_, list) = await Html.GetAsync(browser, Base + "/orders");
        Assert.Contains("欧阳改名", list.QuerySelector($"[data-test=order][data-number='{number}']")!.TextContent, StringComparison.Ordinal);
    }

    private Task<string> NumberAsync(string orderUrl) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var id = PaymentKit.OrderId(orderUrl);
        return await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Number).SingleAsync();
    });

    private static async Task<string?> StatusOnListAsync(HttpClient browser, string number, string query)
    {
        var (_, list) = await Html.GetAsync(browser, Base + "/orders" + query);
        return list.QuerySelector($"[data-test=order][data-number='{number}']")?.GetAttribute("data-status");
    }
}
