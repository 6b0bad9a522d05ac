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
/// <param name="OrderKind">Its order's kind (集采, 零采, 加洗).</param>
/// <param name="Campaign">The kind of the order's campaign: a freshman campaign's order is shown as 新生照片.</param>
public sealed record LedgerPayment(Payment Payment, string OrderNumber, OrderStatus OrderStatus, string Student, long RefundedFen, long RefundableFen,
    OrderKind OrderKind, CampaignKind Campaign);
