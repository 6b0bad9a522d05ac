using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains.Orders;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The school admin's ledger (收支明细) and refund form, with the Sandbox: totals reconciled with the database
/// and with the page's own rows; bad refunds named and refused.</summary>
public sealed class LedgerShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/beifang/staff/payments";

    [Fact]
    public async Task ListPaymentsAndRefundsWithTotalsThatAddUp()
    {
        var orders = new List<Guid>();
        var (student, firstUrl) = await app.OrderAsync(pay: true);
        orders.Add(PaymentKit.OrderId(firstUrl));
        for (var i = 0; i < 2; i++)
        {
            orders.Add(PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl));
        }

        var free = await FreeOrderAsync();
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        var first = (await app.PaymentsAsync(orders[0])).Single();
        var second = (await app.PaymentsAsync(orders[1])).Single();

        // A partial refund of the first order and a full one of the second, through the form.
        var refunded = await RefundAsync(admin, page, first.Id, "10", "拍摄套餐差价");
        var said = refunded.Text("[role=status]")!;
        Assert.Contains("¥10.00", said, StringComparison.Ordinal);
        Assert.Contains(await OrderNumberAsync(orders[0]), said, StringComparison.Ordinal);
        Assert.Contains("已退款", said, StringComparison.Ordinal);
        Assert.DoesNotContain("{", refunded.Body!.TextContent, StringComparison.Ordinal);
        await RefundAsync(admin, refunded, second.Id, "30.00", "未参加拍摄");
        Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(orders[1]));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(orders[0]));
        var (_, seen) = await Html.GetAsync(student, firstUrl);
        Assert.Contains("拍摄套餐差价", seen.Text("[data-test=refund][data-state=Succeeded]"), StringComparison.Ordinal);

        var (_, ledger) = await Html.GetAsync(admin, Page);
        var rows = ledger.QuerySelectorAll("[data-test=ledger-payment]");
        var fromDb = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var received = await db.Payments.Where(p => p.State == PaymentStates.Succeeded || p.State == PaymentStates.RefundDue).SumAsync(p => p.AmountFen);
            var back = await db.Refunds.Where(r => r.State == RefundState.Succeeded).SumAsync(r => r.AmountFen);
            return (received, back);
        });

        Assert.Equal(fromDb.received, Fen(ledger, "total-received"));
        Assert.Equal(fromDb.received, rows.Sum(r => long.Parse(r.GetAttribute("data-fen")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(fromDb.back, Fen(ledger, "total-refunded"));
        Assert.Equal(4000, fromDb.back);
        Assert.Equal(fromDb.back, ledger.QuerySelectorAll("[data-test=ledger-refund][data-state=Succeeded]").Sum(r => long.Parse(r.GetAttribute("data-fen")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(fromDb.received - fromDb.back, Fen(ledger, "total-net"));
        Assert.Equal(3 * 3000, fromDb.received);
        Assert.Equal("2000", ledger.QuerySelector($"[data-payment='{first.Id}']")?.GetAttribute("data-refundable"));
        Assert.Null(ledger.QuerySelector($"[data-test=ledger-payment][data-payment='{second.Id}'] [data-test=refund-form]"));
        Assert.Equal("1", ledger.QuerySelector("[data-test=free-orders]")?.GetAttribute("data-count"));
        Assert.DoesNotContain(ledger.QuerySelectorAll("[data-test=ledger-payment]"), r => r.TextContent.Contains(free, StringComparison.Ordinal));

        // The CSV has every payment and refund, with a byte order mark for spreadsheets, in the page's language.
        var csv = await admin.GetByteArrayAsync(Page + "?handler=Csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("类型,时间,订单号,学生,支付渠道,金额,币种,状态,渠道单号,退款原因\r", lines[0]);
        Assert.Equal(3, lines.Count(l => l.StartsWith("收款,", StringComparison.Ordinal) && l.Contains(",模拟支付,30.00,CNY,已支付,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("退款,", StringComparison.Ordinal) && l.Contains(",-10.00,CNY,已退款,", StringComparison.Ordinal) && l.EndsWith("拍摄套餐差价\r", StringComparison.Ordinal));
        // Each refund is on the audit trail, by the admin who asked.
        var refundsAudited = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.Where(e => e.Action == AuditActions.Refund).Select(e => e.Who).ToListAsync());
        Assert.Equal([DemoSeeder.StaffEmail(AppFactory.A, "admin"), DemoSeeder.StaffEmail(AppFactory.A, "admin")], refundsAudited);
        // The export is on record, with how many lines it held.
        var logged = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().DataExports.SingleAsync(e => e.Kind == "ledger-csv"));
        Assert.Equal(lines.Length - 1, logged.Records);

        // A period that holds nothing, and one that makes no sense.
        var (futureAnswer, future) = await Html.GetAsync(admin, Page + "?From=2099-01-01");
        Assert.Equal(HttpStatusCode.OK, futureAnswer.StatusCode);
        Assert.Empty(future.QuerySelectorAll("[data-test=ledger-payment]"));
        Assert.Equal(rows.Length, (await Html.GetAsync(admin, Page + "?From=2000-01-01&To=2099-12-31")).Document.QuerySelectorAll("[data-test=ledger-payment]").Length);
        var (_, backwards) = await Html.GetAsync(admin, Page + "?From=2026-12-01&To=2026-01-01");
        Assert.Equal("Ledger.Error.Period", backwards.QuerySelector("[data-test=ledger-error]")?.GetAttribute("data-error"));
    }

    [Fact]
    public async Task RefuseBadRefundsByNameAndRefundADoubleClickOnce()
    {
        var order = PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl);
        var payment = (await app.PaymentsAsync(order)).Single();
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);

        foreach (var (amount, reason, error) in new[]
        {
            ("abc", "原因", "Ledger.Error.Amount"), ("0", "原因", "Ledger.Error.Amount"), ("12.345", "原因", "Ledger.Error.Amount"), ("-5", "原因", "Ledger.Error.Amount"),
            ("30.01", "原因", "Ledger.Error.too_much"), ("10", " ", "Ledger.Error.reason"), ("10", new string('退', RefundService.MaxReason + 1), "Ledger.Error.reason"),
        })
        {
            var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, $"[data-payment='{payment.Id}'] [data-test=refund]",
                new Dictionary<string, string?> { ["Amount"] = amount, ["Reason"] = reason }));
            Assert.Equal(error, refused.QuerySelector("[data-test=refund-error]")?.GetAttribute("data-error"));
            Assert.Equal(amount, refused.QuerySelector($"[data-payment='{payment.Id}'] input[name=Amount]")?.GetAttribute("value"));
        }

        // Another school neither sees nor refunds this payment.
        var nanhuAdmin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, nanhuPage) = await Html.GetAsync(nanhuAdmin, "/s/nanhu/staff/payments");
        Assert.Empty(nanhuPage.QuerySelectorAll("[data-test=ledger-payment]"));
        Assert.Equal("not_paid", (await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<RefundService>().RefundAsync(payment.Id, 100, "跨校", "admin", null))).Problem);

        // The same confirmation sent twice (a double click) is one refund.
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(admin, page, $"[data-payment='{payment.Id}'] [data-test=refund]",
            new Dictionary<string, string?> { ["Amount"] = "5", ["Reason"] = "重复提交测试" }));
        var both = await Task.WhenAll(Html.SubmitAsync(admin, confirm, "[data-test=confirm-refund]"), Html.SubmitAsync(admin, confirm, "[data-test=confirm-refund]"));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(500, (await RefundsAsync(payment.Id)).Single().AmountFen);
        var told = (await app.SmsToStudentOfAsync(AppFactory.A, order)).Where(m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded)).ToList();
        Assert.Equal("5.00", SmsLogKit.ParametersOf(Assert.Single(told))[2]);  // one refund, one SMS
    }

    [Fact]
    public async Task BeForSchoolAdminsOnly()
    {
        var reviewer = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page + "?handler=Csv")).StatusCode);
    }

    private static long Fen(IHtmlDocument page, string test) =>
        long.Parse(page.QuerySelector($"[data-test={test}]")!.GetAttribute("data-fen")!, System.Globalization.CultureInfo.InvariantCulture);

    // A refund through the form and its confirmation; the ledger after it.
    private static async Task<IHtmlDocument> RefundAsync(HttpClient admin, IHtmlDocument page, Guid paymentId, string amount, string reason)
    {
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(admin, page, $"[data-payment='{paymentId}'] [data-test=refund]",
            new Dictionary<string, string?> { ["Amount"] = amount, ["Reason"] = reason }));
        Assert.NotNull(confirm.QuerySelector($"[data-test=refund-confirm][data-payment='{paymentId}']"));
        var posted = await Html.SubmitAsync(admin, confirm, "[data-test=confirm-refund]");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return (await Html.GetAsync(admin, posted.Headers.Location!.OriginalString)).Document;
    }

    private Task<List<Refund>> RefundsAsync(Guid paymentId) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Refunds.Where(r => r.PaymentId == paymentId).ToListAsync());

    private Task<string> OrderNumberAsync(Guid orderId) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());

    // An order of the graduation campaign made free for a moment: paid at once with a free: reference, no money.
    private async Task<string> FreeOrderAsync()
    {
        var price = await SetPriceAsync(0);
        try
        {
            var orderId = PaymentKit.OrderId((await app.OrderAsync(pay: false)).OrderUrl);
            return await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        }
        finally
        {
            await SetPriceAsync(price);
        }
    }

    private Task<long> SetPriceAsync(long fen) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var campaign = await db.Campaigns.SingleAsync(c => c.Kind == CampaignKind.Graduation);
        var before = campaign.PriceFen;
        campaign.PriceFen = fen;
        await db.SaveChangesAsync();
        return before;
    });
}
