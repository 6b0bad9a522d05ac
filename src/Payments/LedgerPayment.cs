using Microsoft.EntityFrameworkCore;
using Photocollect.Grains.Orders;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>One payment in the ledger.</summary>
/// <param name="Payment">The payment.</param>
/// <param name="OrderNumber">Its order's number.</param>
/// <param name="OrderStatus">Its order's status.</param>
/// <param name="Student">The student's name and number.</param>
/// <param name="RefundedFen">Refunded so far (succeeded).</param>
/// <param name="RefundableFen">What may still be refunded (paid less every refund not failed).</param>
public sealed record LedgerPayment(Payment Payment, string OrderNumber, OrderStatus OrderStatus, string Student, long RefundedFen, long RefundableFen);
