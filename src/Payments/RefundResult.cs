using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>The outcome of asking for a refund: the refund, or a problem code (<c>Refunds.Problem.{code}</c>).</summary>
public sealed record RefundResult(Refund? Refund, string? Problem);
