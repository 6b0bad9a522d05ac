using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>One refund in the ledger.</summary>
/// <param name="Refund">The refund.</param>
/// <param name="OrderNumber">Its order's number.</param>
/// <param name="Provider">The provider of its payment.</param>
public sealed record LedgerRefund(Refund Refund, string OrderNumber, string Provider);
