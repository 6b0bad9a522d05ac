using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The order page of issue 17 in Chromium on a 390×844 phone, in Chinese and in English: a payment cancelled at the
/// Sandbox cashier, the same order paid and waiting for review (48 hours, the SMS to come), completed with
/// 下载电子照片 (the file arrives named 姓名_学号.jpg), and a freshman's order (新生照片, no ID line). Each state leaves
/// a screenshot (orders-NN-*-zh.png and -en.png).
/// </summary>
public sealed class OrdersInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ShowAGraduatesOrderFromACancelledPaymentToTheDownload()
    {
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        var (orderId, name, number) = await fixture.App.InSchoolAsync(AppFactory.A, sp => SubmittedOrderAsync(sp, phone, CampaignKind.Graduation));
        var orderUrl = $"{school}/orders/{orderId}";
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, orderUrl, phone);

        // 取消支付 at the cashier: back on the order, which says so and offers to pay again.
        await Open(page, orderUrl, "[data-test=order-card][data-status=PendingPayment]");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-cancel]");
        await Submit(page, "[data-test=sandbox-cancel]", "[data-test=payment-cancelled]");
        await ShotBothAsync(page, orderUrl, "01-payment-cancelled", "[data-test=payment-cancelled]");

        // Paid: waiting for review, within 48 hours, the result by SMS.
        await Open(page, orderUrl, "[data-test=pay]");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=review-wait]");
        await ShotBothAsync(page, orderUrl, "02-waiting-for-review", "[data-test=review-wait]");

        // Approved, produced, complete: 下载电子照片.
        await fixture.App.InSchoolAsync(AppFactory.A, async sp =>
        {
            var desk = sp.GetRequiredService<ReviewDesk>();
            await desk.ApproveAsync(orderId, "reviewer");
            await desk.StartProductionAsync([orderId], "staff");
            await desk.CompleteAsync([orderId], "staff");
        });
        await ShotBothAsync(page, orderUrl, "03-completed", "[data-test=download-photo]");
        await Open(page, orderUrl, "[data-test=download-photo]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-test=download-photo]"));
        Assert.Equal($"{name}_{number}.jpg", download.SuggestedFilename);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    [Fact]
    public async Task ShowAFreshmansOrderAsANewStudentPhoto()
    {
        var school = fixture.BaseUrl + "/s/beifang";
        var phone = AppFactory.NewPhone();
        var (orderId, _, _) = await fixture.App.InSchoolAsync(AppFactory.A, async sp =>
        {
            var made = await SubmittedOrderAsync(sp, phone, CampaignKind.Freshman);
            var order = await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == made.OrderId);
            await sp.GetRequiredService<IGrainFactory>().Order(order.TenantId, order.Id).PayAsync("e2e-" + order.Id, order.PriceFen, order.Currency);
            return made;
        });
        var orderUrl = $"{school}/orders/{orderId}";
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, orderUrl, phone);

        await ShotBothAsync(page, school + "/orders", "04-freshman-list", "[data-test=order] [data-test=order-kind]");
        Assert.Equal("Freshman photo", (await page.InnerTextAsync("[data-test=order] [data-test=order-kind]")).Trim());  // the English one, last
        await ShotBothAsync(page, orderUrl, "05-freshman-order", "[data-test=review-wait]");
        await Open(page, orderUrl, "[data-test=review-wait]");
        Assert.Equal("新生照片", (await page.InnerTextAsync("[data-test=order-kind]")).Trim());
        Assert.Equal(0, await page.Locator("[data-test=order-id-number]").CountAsync());
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
    }

    // Signs in on the way to an order (the login page, an SMS code from the dev outbox) and waits for the order.
    private async Task SignInAsync(IPage page, string orderUrl, string phone)
    {
        await Open(page, orderUrl, "[data-test=send-code]");
        await page.FillAsync("#Phone", phone);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(AppFactory.A, phone));
        await Submit(page, "[data-test=verify]", "[data-test=order-card]");
    }

    // The page in Chinese, then in English (?culture=en), each waited for and kept as a screenshot.
    private async Task ShotBothAsync(IPage page, string url, string name, string expect)
    {
        foreach (var (culture, query) in new[] { ("zh", ""), ("en", "?culture=en") })
        {
            await Open(page, url + query, expect);
            await fixture.ShotAsync(page, $"orders-{name}-{culture}");
        }
    }

    // A student of the phone, verified (a demo graduate by collection code, or a demo freshman by the roster), the
    // standards read and a good photo submitted: the order, unpaid, with the name and student number on it.
    private static async Task<(Guid OrderId, string Name, string Number)> SubmittedOrderAsync(IServiceProvider sp, string phone, CampaignKind kind)
    {
        var flow = sp.GetRequiredService<CollectionFlow>();
        var account = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default);
        var campaign = (await flow.CampaignAsync(kind))!;
        VerifyResult verified;
        if (kind == CampaignKind.Freshman)
        {
            var number = DemoSeeder.DemoFreshmanNumber(0);
            verified = await flow.VerifyFromRosterAsync(account.Id, phone, campaign,
                new VerifyInput(null, DemoSeeder.DemoIdLastFour("100001", number), DemoSeeder.DemoFreshmen[0].Name, number, null));
        }
        else
        {
            var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await Journeys.UnusedStudentNumberAsync(sp));
            await flow.ReadCodeAsync(account.Id, campaign, null, code);
            verified = await flow.VerifyAsync(account.Id, phone, campaign, new VerifyInput(DemoSeeder.FeatureCode("beifang"), null, null, null, null));
        }

        Assert.Null(verified.Problem);
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
        var order = (await flow.SubmitAsync(account.Id, campaign, photo.Photo!.Id)).Order!;
        return (order.Id, verified.Record!.Name, verified.Record.StudentNumber);
    }
}
