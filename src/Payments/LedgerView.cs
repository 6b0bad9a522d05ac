using Microsoft.EntityFrameworkCore;

namespace Photocollect.Payments;

/// <summary>A school's ledger over a period (payments by when they were paid, refunds by when they were asked for).</summary>
/// <param name="Payments">Payments received, newest first.</param>
/// <param name="Refunds">Refunds, newest first.</param>
/// <param name="Totals">Totals per currency.</param>
/// <param name="FreeOrders">Orders of free campaigns (no money moved).</param>
public sealed record LedgerView(IReadOnlyList<LedgerPayment> Payments, IReadOnlyList<LedgerRefund> Refunds, IReadOnlyList<LedgerTotals> Totals, int FreeOrders);
