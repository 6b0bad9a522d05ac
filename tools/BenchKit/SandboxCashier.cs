using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.BenchKit;

/// <summary>The Sandbox provider's cashier of one school, which tells the school a payment was made (its default
/// secret): the body and signature to post to <c>/pay/notify/sandbox</c>.</summary>
public sealed class SandboxCashier(Guid tenantId)
{
    private readonly SandboxProvider sandbox = new(tenantId, new SandboxOptions().Secret);

    /// <summary>The "paid" notification for a payment, and its signature.</summary>
    public (string Body, string Signature) Paid(Guid paymentId, Guid orderId, long amountFen) =>
        sandbox.Notification(new Payment { Id = paymentId, TenantId = tenantId, OrderId = orderId, Provider = "sandbox", AmountFen = amountFen, Currency = "CNY" }, paid: true);

    /// <summary>The notification as the request body, signed.</summary>
    public Func<HttpContent> PaidContent(Guid paymentId, Guid orderId, long amountFen)
    {
        var (body, signature) = Paid(paymentId, orderId, amountFen);
        return () =>
        {
            var content = new StringContent(body);
            content.Headers.Add(SandboxProvider.SignatureHeader, signature);
            return content;
        };
    }
}
