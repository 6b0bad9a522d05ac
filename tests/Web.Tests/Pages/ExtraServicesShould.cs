using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>新生照片上传 and 加洗照片 through the real pages and forms.</summary>
public sealed class ExtraServicesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task TakeAFreshmanFromTheRosterToAPaidOrderWaitingForReview()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var number = DemoSeeder.DemoFreshmanNumber(2);
        var fields = new Dictionary<string, string?>
        {
            ["Name"] = DemoSeeder.DemoFreshmen[2].Name,
            ["StudentNumber"] = number,
            ["IdLastFour"] = "0000",
        };

        // The home tile leads here; no code step, and a wrong entry says how many tries are left.
        var (_, form) = await Html.GetAsync(browser, Base + "/freshman");
        Assert.DoesNotContain("采集码", form.Text("ol.steps"), StringComparison.Ordinal);
        var wrong = await Html.ParseAsync(await Html.SubmitAsync(browser, form, "[data-test=verify-freshman]", fields));
        Assert.Contains("4", wrong.Text(".alert.error"), StringComparison.Ordinal);
        var empty = await Html.ParseAsync(await Html.SubmitAsync(browser, form, "[data-test=verify-freshman]"));
        Assert.Contains("姓名和学号", empty.Text(".alert.error"), StringComparison.Ordinal);

        fields["IdLastFour"] = DemoSeeder.DemoIdLastFour("100001", number);
        var verified = await Html.SubmitAsync(browser, form, "[data-test=verify-freshman]", fields);
        Assert.Equal(Base + "/freshman/standards", verified.Headers.Location?.OriginalString);
        var (_, standards) = await Html.GetAsync(browser, Base + "/freshman/standards");
        var ticked = await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        Assert.Equal(Base + "/freshman/capture", ticked.Headers.Location?.OriginalString);

        var orderUrl = await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto(), "/freshman");
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingPayment", order.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.Contains("15.00", order.Text("[data-test=order-card]"), StringComparison.Ordinal);
        Assert.EndsWith("/freshman/capture", order.QuerySelector("a[href$='/capture']")!.GetAttribute("href"), StringComparison.Ordinal);

        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(browser, toCashier.Headers.Location!.OriginalString);
        await Html.SubmitAsync(browser, cashier, "[data-test=sandbox-pay]");
        var (_, paid) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingReview", paid.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));

        // Coming back to the entry goes to the orders.
        var again = await browser.GetAsync(Base + "/freshman");
        Assert.Equal(Base + "/orders", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SayWhenTheSchoolHasNoFreshmanUpload()
    {
        var browser = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());

        var (_, page) = await Html.GetAsync(browser, "/s/nanhu/freshman");

        Assert.Contains("没有开放的新生照片采集", page.Text("[data-test=closed]"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[method=post]"));
    }

    [Fact]
    public async Task OrderReprintsOfACompletedPhotoOnceAndPayForThem()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: true);
        var (_, none) = await Html.GetAsync(student, Base + "/reprints");
        Assert.NotNull(none.QuerySelector("[data-test=no-reprints]"));  // not finished yet
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var desk = sp.GetRequiredService<ReviewDesk>();
            await desk.ApproveAsync(orderId, "reviewer");
            await desk.StartProductionAsync([orderId], "staff");
            await desk.CompleteAsync([orderId], "staff");
        });

        var (_, reprints) = await Html.GetAsync(student, Base + "/reprints");
        var first = await Html.SubmitAsync(student, reprints, "[data-test=order-reprint]", new Dictionary<string, string?> { ["Copies"] = "3" });
        var second = await Html.SubmitAsync(student, reprints, "[data-test=order-reprint]", new Dictionary<string, string?> { ["Copies"] = "3" });
        Assert.Equal(first.Headers.Location, second.Headers.Location);  // a double tap makes one order
        var reprintUrl = first.Headers.Location!.OriginalString;
        var (_, reprint) = await Html.GetAsync(student, reprintUrl);
        Assert.Equal("3", reprint.Text("[data-test=copies]"));
        Assert.Contains("¥30.00", reprint.Text("[data-test=order-card]"), StringComparison.Ordinal);
        Assert.Null(reprint.QuerySelector("a[href$='/capture']"));  // nothing to edit on a reprint

        var toCashier = await Html.SubmitAsync(student, reprint, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(student, toCashier.Headers.Location!.OriginalString);
        Assert.Equal("¥30.00", cashier.Text("[data-test=amount]"));
        await Html.SubmitAsync(student, cashier, "[data-test=sandbox-pay]");
        var (_, paid) = await Html.GetAsync(student, reprintUrl);
        Assert.Equal("PendingProduction", paid.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));

        // Too many sets is refused with the limit, and nothing is ordered.
        var tooMany = await Html.ParseAsync(await Html.SubmitAsync(student, reprints, "[data-test=order-reprint]", new Dictionary<string, string?> { ["Copies"] = "50", ["RequestId"] = Guid.NewGuid().ToString() }));
        Assert.Contains("10", tooMany.Text(".alert.error"), StringComparison.Ordinal);
        var (_, orders) = await Html.GetAsync(student, Base + "/orders");
        Assert.Equal(2, orders.QuerySelectorAll("[data-test=order]").Length);
    }
}
