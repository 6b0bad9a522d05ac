using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// Told once each refund succeeds, whoever asked for it (the school admin's ledger, the window-end refund of orders
/// never photographed, the reconciliation's refund of a second payment) and however the result arrived (the
/// provider's answer, its notification or a query). The web app tells the student by SMS through one. An observer that
/// fails is logged and passed over: the refund stands.
/// </summary>
public interface IRefundObserver
{
    /// <summary>A refund has just succeeded (its row says so; the order is 已退款 when everything came back).</summary>
    Task RefundSucceededAsync(Refund refund, CancellationToken cancellationToken);
}
