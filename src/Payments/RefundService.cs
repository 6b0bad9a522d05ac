using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// Refunds, full or partial, tracked until the provider says they are final. A refund is recorded before the
/// provider is asked, under a row lock on its payment, so two refunds at once can never add up to more than was paid.
/// The refund id is the merchant refund number: asking again after a timeout cannot refund twice. When everything
/// paid has come back, the order goes to 已退款 where its status allows, and no longer holds the student's place in
/// the campaign. Each refund that succeeds is told, once, to the <see cref="IRefundObserver"/>s (the student's SMS).
/// </summary>
public sealed class RefundService(
    AppDbContext db,
    TenantContext tenant,
    IGrainFactory grains,
    PaymentProviders providers,
    AuditTrail audit,
    JobLog jobLog,
    IEnumerable<IRefundObserver> observers,
    TimeProvider clock,
    ILogger<RefundService> logger)
{
    /// <summary>Longest reason.</summary>
    public const int MaxReason = 80;

    /// <summary>What is left to refund of a payment: paid less every refund not failed.</summary>
    public async Task<long> RefundableAsync(Guid paymentId, CancellationToken cancellationToken = default)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        return payment is null || payment.State is not (PaymentStates.Succeeded or PaymentStates.RefundDue) ? 0
            : payment.AmountFen - await db.Refunds.Where(r => r.PaymentId == paymentId && r.State != RefundState.Failed).SumAsync(r => r.AmountFen, cancellationToken);
    }

    /// <summary>
    /// What <see cref="RefundAsync"/> would refuse now (<c>reason</c>, <c>amount</c>, <c>not_paid</c>, <c>too_much</c>),
    /// or null: the staff page asks before it shows the confirmation, and the refund itself decides again under its lock.
    /// Records and sends nothing.
    /// </summary>
    public async Task<string?> CheckAsync(Guid paymentId, long amountFen, string reason, CancellationToken cancellationToken = default)
    {
        if (Refusal(amountFen, reason) is { } problem)
        {
            return problem;
        }

        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);
        if (payment is null || payment.State is not (PaymentStates.Succeeded or PaymentStates.RefundDue))
        {
            return "not_paid";
        }

        return amountFen > await RefundableAsync(paymentId, cancellationToken) ? "too_much" : null;
    }

    /// <summary>Refunds <paramref name="amountFen"/> of a paid payment and asks the provider at once.</summary>
    /// <param name="paymentId">The payment (succeeded, or paid too late: refund due).</param>
    /// <param name="amountFen">How much, fen; at most what is left.</param>
    /// <param name="reason">Why (shown to the student and sent to the provider).</param>
    /// <param name="requestedBy">A staff user id, or <c>system</c>.</param>
    /// <param name="schoolUrl">The school's absolute base URL, for the provider's refund notification; null when not
    /// known (outside a request without a configured public URL): the refund is then followed by queries.</param>
    /// <param name="requestId">The refund's id, made when the form was shown: the same request twice (a double
    /// click) gives the one refund.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<RefundResult> RefundAsync(Guid paymentId, long amountFen, string reason, string requestedBy, string? schoolUrl, Guid? requestId = null, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (Refusal(amountFen, reason) is { } refused)
        {
            return new(null, refused);
        }

        // The payment row is the lock: refunds of one payment are decided one at a time. Replayed whole after a blip.
        var (refund, payment, problem) = await db.InTransactionAsync<(Refund?, Payment?, string?)>(async (transaction, ct) =>
        {
            var locked = await db.Payments
                .FromSql($"SELECT * FROM \"Payments\" WHERE \"Id\" = {paymentId} AND \"TenantId\" = {tenant.RequiredSchool.Id} FOR UPDATE")
                .AsNoTracking().SingleOrDefaultAsync(ct);
            if (locked is null || locked.State is not (PaymentStates.Succeeded or PaymentStates.RefundDue))
            {
                return (null, null, "not_paid");
            }

            if (requestId is { } id && await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } earlier)
            {
                return earlier.PaymentId == paymentId ? (earlier, null, null) : (null, null, "not_paid");
            }

            var refunded = await db.Refunds.Where(r => r.PaymentId == paymentId && r.State != RefundState.Failed).SumAsync(r => r.AmountFen, ct);
            if (refunded + amountFen > locked.AmountFen)
            {
                return (null, null, "too_much");
            }

            var added = new Refund
            {
                Id = requestId ?? Guid.CreateVersion7(),
                PaymentId = paymentId,
                OrderId = locked.OrderId,
                AmountFen = amountFen,
                Currency = locked.Currency,
                Reason = reason,
                State = RefundState.Pending,
                RequestedBy = requestedBy,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Refunds.Add(added);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (added, locked, null);
        }, cancellationToken);
        if (payment is null || refund is null)
        {
            // Refused, or the same request again (its refund as it stands).
            return new(refund, problem);
        }

        await OrderPageChangedAsync(refund.OrderId);  // the order's page lists its refunds
        var number = await db.Orders.AsNoTracking().Where(o => o.Id == refund.OrderId).Select(o => o.Number).SingleAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.Refund, number, new { refund = refund.Id, amountFen = refund.AmountFen, reason = refund.Reason }, cancellationToken);
        await SendAsync(refund, payment, schoolUrl, cancellationToken);
        return new(await db.Refunds.AsNoTracking().SingleAsync(r => r.Id == refund.Id, cancellationToken), null);
    }

    // What is wrong with a refund whatever its payment: a reason is needed (the student sees it), and an amount.
    private static string? Refusal(long amountFen, string? reason) =>
        reason?.Trim() is not { Length: > 0 and <= MaxReason } ? "reason" : amountFen <= 0 ? "amount" : null;

    /// <summary>Asks the provider to carry out a recorded refund (again, after a failure: the same refund number).</summary>
    public async Task SendAsync(Refund refund, Payment payment, string? schoolUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(payment);
        var provider = await providers.ForAsync(PaymentProviders.KindOf(payment), cancellationToken);
        try
        {
            var remote = await provider.RefundAsync(refund, payment, schoolUrl is null ? null : $"{schoolUrl}/pay/notify/{payment.Provider}", cancellationToken);
            await ApplyAsync(remote, cancellationToken);
        }
        catch (PaymentProviderException e)
        {
            // Transient: still pending, the reconciliation asks again. Refused: failed, and the amount is free again.
            logger.LogWarning("Refund {RefundId} of payment {PaymentId}: {Reason}", refund.Id, payment.Id, e.Message);
            await jobLog.RecordProviderErrorAsync(payment.Provider, ProviderOperations.Refund, refund.Id.ToString(), e.Message, cancellationToken);
            if (!e.Transient)
            {
                await ApplyAsync(new RemoteRefund(refund.Id, RefundState.Failed, null), cancellationToken);
            }
        }
    }

    /// <summary>Applies what the provider says of a refund; a final state is never left.</summary>
    public async Task<NotificationOutcome> ApplyAsync(RemoteRefund remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var refund = await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == remote.RefundId, cancellationToken);
        if (refund is null)
        {
            return NotificationOutcome.Refused;
        }

        if (remote.State == RefundState.Pending || remote.State == refund.State)
        {
            return NotificationOutcome.Duplicate;
        }

        var final = remote.State is RefundState.Succeeded or RefundState.Failed;
        var changed = await db.Refunds
            .Where(r => r.Id == refund.Id && (r.State == RefundState.Pending || r.State == RefundState.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, remote.State)
                .SetProperty(r => r.ProviderReference, r => remote.ProviderReference ?? r.ProviderReference)
                .SetProperty(r => r.CompletedAt, r => final ? clock.GetUtcNow() : r.CompletedAt), cancellationToken);
        if (changed == 0)
        {
            return NotificationOutcome.Duplicate;
        }

        try
        {
            if (remote.State == RefundState.Succeeded)
            {
                refund.State = remote.State;
                refund.ProviderReference = remote.ProviderReference ?? refund.ProviderReference;
                refund.CompletedAt = clock.GetUtcNow();
                try
                {
                    await SettleOrderAsync(refund, cancellationToken);
                }
                finally
                {
                    // Told even when settling the order failed: the money is back whatever the order's row says.
                    await TellAsync(refund, cancellationToken);
                }
            }
        }
        finally
        {
            await OrderPageChangedAsync(refund.OrderId);  // the order's page shows each refund's state
        }

        return NotificationOutcome.Applied;
    }

    // Tells the student's held pages (decision 018) that a refund of their order was recorded or changed state. Last
    // and never failing: the refund and what follows from it stand whatever happens here; a page not told is read
    // again within a minute.
    private async Task OrderPageChangedAsync(Guid orderId)
    {
        try
        {
            var account = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.AccountId).SingleAsync(CancellationToken.None);
            await StudentOrdersGrain.ForgetAsync(grains, tenant.RequiredSchool.Id, [account], logger);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The pages of order {Order}'s student were not told of a refund; they are read again within {MaxAge}.", orderId, StudentOrdersGrain.MaxAge);
        }
    }

    // Only the call whose update moved the row to succeeded gets here: each refund is told once, whichever path
    // (answer, notification, query) brought its result.
    private async Task TellAsync(Refund refund, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.RefundSucceededAsync(refund, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The money is back whatever a message does: nothing here may undo or hold up the refund.
                logger.LogWarning(e, "Refund {RefundId} succeeded; telling {Observer} failed", refund.Id, observer.GetType().Name);
            }
        }
    }

    // Everything the order's payment brought in has come back: the order is 已退款 (where its status allows).
    private async Task SettleOrderAsync(Refund refund, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, cancellationToken);
        var back = await db.Refunds.Where(r => r.PaymentId == payment.Id && r.State == RefundState.Succeeded).SumAsync(r => r.AmountFen, cancellationToken);
        if (payment.State != PaymentStates.Succeeded || back < payment.AmountFen)
        {
            return;
        }

        var result = await grains.Order(tenant.RequiredSchool.Id, payment.OrderId).RefundAsync("refund", refund.Id.ToString("N"), cancellationToken);
        if (!result.Succeeded)
        {
            logger.LogInformation("Order {OrderId} fully refunded but stays {Status}", payment.OrderId, result.State?.Status);
            return;
        }

        // A refunded order is over, as a closed one is: the student may start again in the campaign (graduate or
        // freshman), as the unpaid orders' closing does for theirs.
        var order = result.State!;
        await grains.Student(tenant.RequiredSchool.Id, order.AccountId, order.CampaignId).ReleaseOrderAsync(order.Id, cancellationToken);
    }
}
