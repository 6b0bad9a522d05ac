using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// The Sandbox: its cashier is our own page (<c>/pay/sandbox/{payment}</c>) that pays or cancels, then posts a signed
/// notification (<c>X-Sandbox-Signature</c>: hex HMAC-SHA256 of the body with a key per school) through the same
/// handling a real provider's notification gets. It keeps no state of its own: a query answers pending, closing
/// does nothing, and a refund succeeds at once.
/// </summary>
/// <param name="tenantId">The school.</param>
/// <param name="secret">The platform's sandbox secret.</param>
public sealed class SandboxProvider(Guid tenantId, string secret) : IPaymentProvider
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Sandbox-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public PaymentProviderKind Kind => PaymentProviderKind.Sandbox;

    /// <inheritdoc />
    public Task<Checkout> CheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new Checkout($"{request.SchoolUrl}/pay/sandbox/{request.Payment.Id}?t={CashierToken(request.Payment.Id)}", null, null, null));
    }

    /// <inheritdoc />
    public Task<RemotePayment> QueryAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return Task.FromResult(new RemotePayment(payment.Id, RemoteState.Pending, null, payment.AmountFen, payment.Currency));
    }

    /// <inheritdoc />
    public Task CloseAsync(Payment payment, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<RemoteRefund> RefundAsync(Refund refund, Payment payment, string? notifyUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Task.FromResult(new RemoteRefund(refund.Id, RefundState.Succeeded, "SBXR" + refund.Id.ToString("N")[..16].ToUpperInvariant()));
    }

    /// <inheritdoc />
    public Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Task.FromResult(new RemoteRefund(refund.Id, refund.State == RefundState.Failed ? RefundState.Failed : RefundState.Succeeded, refund.ProviderReference));
    }

    /// <summary>The notification body and signature the cashier page sends for a payment.</summary>
    public (string Body, string Signature) Notification(Payment payment, bool paid)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var body = JsonSerializer.Serialize(new Body(payment.Id, $"SBX{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}", payment.AmountFen, payment.Currency, paid ? "SUCCESS" : "CLOSED"), Json);
        return (body, Sign(body));
    }

    /// <inheritdoc />
    public ProviderEvent? ReadNotification(IHeaderDictionary headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var signature = headers[SignatureHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(signature)))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Body>(body, Json) is { } b
                ? new ProviderEvent(new RemotePayment(b.PaymentId, b.Status == "SUCCESS" ? RemoteState.Succeeded : RemoteState.Closed, b.Reference, b.AmountFen, b.Currency), null)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The cashier link's proof: only who was sent to the cashier (the student who started the payment, in a browser or a
    /// mini-program's web view) can pay or cancel there; a payment id alone opens nothing.
    /// </summary>
    public string CashierToken(Guid paymentId) => Sign($"cashier:{paymentId:N}");

    /// <summary>True when <paramref name="token"/> is the cashier link's proof for <paramref name="paymentId"/>.</summary>
    public bool IsCashierToken(Guid paymentId, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CashierToken(paymentId)), Encoding.ASCII.GetBytes(token));

    private string Sign(string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId:N}:{secret}"), Encoding.UTF8.GetBytes(body)));

    private sealed record Body(Guid PaymentId, string Reference, long AmountFen, string Currency, string Status);
}
