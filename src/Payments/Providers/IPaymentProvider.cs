using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// One payment provider for one school, made from the school's <see cref="PaymentSettings"/>. Amounts are integer fen
/// with a currency; our payment id is the merchant order number everywhere.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Which provider.</summary>
    PaymentProviderKind Kind { get; }

    /// <summary>Creates the provider-side order and says where the student pays.</summary>
    Task<Checkout> CheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>Asks the provider how a payment stands (reconciliation).</summary>
    Task<RemotePayment> QueryAsync(Payment payment, CancellationToken cancellationToken);

    /// <summary>Closes an unpaid provider-side order so it can no longer be paid.</summary>
    Task CloseAsync(Payment payment, CancellationToken cancellationToken);

    /// <summary>Asks the provider to refund; its notification goes to <paramref name="notifyUrl"/> where the provider
    /// takes one per request (otherwise the refund is followed by queries).</summary>
    Task<RemoteRefund> RefundAsync(Refund refund, Payment payment, string? notifyUrl, CancellationToken cancellationToken);

    /// <summary>Asks the provider how a refund stands.</summary>
    Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken);

    /// <summary>Verifies and reads a notification; null when it is not genuine, stale or unreadable.</summary>
    ProviderEvent? ReadNotification(IHeaderDictionary headers, string body);
}
