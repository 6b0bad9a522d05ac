using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.Web.Pages.Pay;

/// <summary>
/// The Sandbox provider's pay page (stands where WeChat Pay's cashier would): shows the amount, pays or cancels, then
/// sends the signed notification through the same handling a real provider's notification gets, and returns to the
/// order (with <see cref="PaymentService.CancelledQuery"/> after a cancel).
/// </summary>
public sealed class SandboxModel(PaymentService payments, PaymentProviders providers, AppDbContext db) : PageModel
{
    /// <summary>The payment.</summary>
    public Payment Payment { get; private set; } = null!;

    /// <summary>Its order number.</summary>
    public string OrderNumber { get; private set; } = "";

    /// <summary>Shows the cashier.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Pays or cancels.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, bool pay, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Payment.State == PaymentStates.Pending && await providers.ForAsync(PaymentProviderKind.Sandbox, cancellationToken) is SandboxProvider sandbox)
        {
            var (body, signature) = sandbox.Notification(Payment, pay);
            var headers = new HeaderDictionary { [SandboxProvider.SignatureHeader] = signature };
            await payments.HandleNotificationAsync(PaymentProviderKind.Sandbox, headers, body, cancellationToken);
        }

        // Back to the order; after a cancel the order page says so and offers to pay again (the order stays 待支付).
        return Redirect($"{Request.PathBase}/orders/{Payment.OrderId}{(pay ? "" : "?" + PaymentService.CancelledQuery)}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        // The link the student was sent carries its proof (t): without it, a payment id opens nothing.
        var payment = await payments.PaymentAsync(id, cancellationToken);
        if (payment is null || PaymentProviders.KindOf(payment) != PaymentProviderKind.Sandbox
            || await providers.ForAsync(PaymentProviderKind.Sandbox, cancellationToken) is not SandboxProvider sandbox
            || !sandbox.IsCashierToken(id, Request.Query["t"]))
        {
            return false;
        }

        Payment = payment;
        OrderNumber = await db.Orders.AsNoTracking().Where(o => o.Id == payment.OrderId).Select(o => o.Number).SingleAsync(cancellationToken);
        return true;
    }
}
