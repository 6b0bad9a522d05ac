using Microsoft.EntityFrameworkCore;

namespace Photocollect.Payments;

/// <summary>A ledger's totals in one currency, fen.</summary>
/// <param name="Currency">ISO 4217.</param>
/// <param name="Received">Money received: payments succeeded or due for refund.</param>
/// <param name="ReceivedCount">How many payments that is.</param>
/// <param name="Refunded">Money returned (refunds succeeded).</param>
/// <param name="Refunding">Money being returned (refunds pending or processing).</param>
/// <param name="RefundDue">Money received that must go back and is not yet being returned.</param>
public sealed record LedgerTotals(string Currency, long Received, int ReceivedCount, long Refunded, long Refunding, long RefundDue)
{
    /// <summary>What the school keeps once every refund under way is done.</summary>
    public long Net => Received - Refunded - Refunding - RefundDue;
}
