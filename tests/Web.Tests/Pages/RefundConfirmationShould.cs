using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The ledger's refund asks first (order, student, amount and reason on a confirmation that alone sends it),
/// and its CSV speaks the page's language. Apart from <see cref="LedgerShould"/>, whose totals count every payment of
/// its database.</summary>
public sealed class RefundConfirmationShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/beifang/staff/payments";

    [Fact]
    public async Task ExportTheCsvInEnglishWhenEnglishIsChosen()
    {
        await app.OrderAsync(pay: true);
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        await admin.GetAsync("/culture?c=en&returnUrl=%2F");

        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync(Page + "?handler=Csv"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Type,Time,Order,Student,Provider,Amount,Currency,State,Provider reference,Refund reason", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Payment,", StringComparison.Ordinal) && l.Contains(",Sandbox,30.00,CNY,Paid,", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.StartsWith("Payment,", StringComparison.Ordinal)), l => Assert.Equal(10, l.Split(',').Length));
    }

    [Fact]
    public async Task AskBeforeARefundIsSentAndSendNothingWhenCancelled()
    {
        var order = PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl);
        var payment = (await app.PaymentsAsync(order)).Single();
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page + "?From=2000-01-01");

        // The form's button only shows what would be refunded: order, student, amount and reason, and refunds nothing.
        var asked = await Html.SubmitAsync(admin, page, $"[data-payment='{payment.Id}'] [data-test=refund]",
            new Dictionary<string, string?> { ["Amount"] = "12.5", ["Reason"] = "未参加拍摄" });
        var confirm = await Html.ParseAsync(asked);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("1250", confirm.QuerySelector("[data-test=refund-confirm]")?.GetAttribute("data-fen"));
        Assert.Equal("¥12.50", confirm.Text("[data-test=confirm-amount]"));
        Assert.Equal(await OrderNumberAsync(order), confirm.Text("[data-test=confirm-order]"));
        Assert.Equal("未参加拍摄", confirm.Text("[data-test=confirm-reason]"));
        Assert.Contains("确认退款 ¥12.50", confirm.Text("[data-test=confirm-refund]"), StringComparison.Ordinal);
        Assert.Empty(await RefundsAsync(payment.Id));

        // Cancel goes back to the ledger of the same period, still without a refund.
        Assert.Equal("?From=2000-01-01&To=", confirm.QuerySelector("[data-test=cancel-refund]")?.GetAttribute("href"));
        Assert.Empty(await RefundsAsync(payment.Id));

        // A problem found before the confirmation is shown beside the payment, as before.
        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, $"[data-payment='{payment.Id}'] [data-test=refund]",
            new Dictionary<string, string?> { ["Amount"] = "30.01", ["Reason"] = "原因" }));
        Assert.Null(refused.QuerySelector("[data-test=refund-confirm]"));
        Assert.Equal("Ledger.Error.too_much", refused.QuerySelector("[data-test=refund-error]")?.GetAttribute("data-error"));

        // The confirmation's button sends it, once.
        var sent = await Html.SubmitAsync(admin, confirm, "[data-test=confirm-refund]");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1250, (await RefundsAsync(payment.Id)).Single().AmountFen);
    }

    private Task<List<Refund>> RefundsAsync(Guid paymentId) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Refunds.Where(r => r.PaymentId == paymentId).ToListAsync());

    private Task<string> OrderNumberAsync(Guid orderId) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
}
