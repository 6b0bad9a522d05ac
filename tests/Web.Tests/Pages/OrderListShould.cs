using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
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

        IReadOnlyList<string> read, held;
        using (app.Sql.Record())
        {
            Assert.Equal("PendingReview", await StatusOnListAsync(browser, number, ""));
            read = app.Sql.Commands;
        }

        using (app.Sql.Record())
        {
            Assert.Equal("PendingReview", await StatusOnListAsync(browser, number, ""));
            held = app.Sql.Commands;
        }

        // The payment dropped the held list, so the page after it read the database; the next one did not.
        Assert.Contains(read, IsTheListQuery);
        Assert.DoesNotContain(held, IsTheListQuery);
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

    [Fact]
    public async Task ReadAStatusFromTheDatabaseWhenTheHeldListIsOnlyTheNewest()
    {
        var (_, orderUrl) = await app.OrderAsync(pay: false);
        var number = await NumberAsync(orderUrl);

        var (all, pending) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var account = await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().Where(o => o.Number == number).Select(o => o.AccountId).SingleAsync();
            // The grain holds a list it says is only the newest orders (a student with 100 or more): here, none.
            var list = sp.GetRequiredService<IGrainFactory>().StudentOrders(sp.GetRequiredService<TenantContext>().RequiredSchool.Id, account);
            Assert.True(await list.KeepAsync((await list.GetAsync()).Version, [], complete: false));
            var orders = sp.GetRequiredService<StudentOrders>();
            return (await orders.ListAsync(account, null), await orders.ListAsync(account, OrderStatus.PendingPayment));
        });

        Assert.Empty(all);  // what the grain holds
        Assert.Equal(number, Assert.Single(pending).Number);  // read from the database: the held list cannot say
    }

    private static bool IsTheListQuery(string sql) =>
        sql.Contains("FROM \"Orders\"", StringComparison.Ordinal) && sql.Contains("FROM \"StudentRecords\"", StringComparison.Ordinal)
        && sql.Contains("FROM \"Campaigns\"", StringComparison.Ordinal);

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
