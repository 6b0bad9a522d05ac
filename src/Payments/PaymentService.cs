using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// Payments of orders through the school's provider (<see cref="IPaymentProvider"/>). A payment is created per
/// attempt with the order's frozen price; a verified notification (or a reconciliation query) is applied exactly
/// once: the payment row moves pending → succeeded once, and the order grain takes the payment once.
/// </summary>
public sealed class PaymentService(AppDbContext db, TenantContext tenant, IGrainFactory grains, PaymentProviders providers, RefundService refunds, JobLog jobLog, TimeProvider clock, ILogger<PaymentService> logger)
{
    /// <summary>
    /// The query the order page is opened with when the student cancelled at the cashier (the Sandbox's 取消支付,
    /// Stripe's cancel URL): the page says so and offers to pay again. It marks nothing; the order stays 待支付 until
    /// it is paid or its deadline closes it.
    /// </summary>
    public const string CancelledQuery = "payment=cancelled";

    /// <summary>How long past its deadline an order waits for a provider that does not answer before it closes anyway.</summary>
    public static readonly TimeSpan GiveUpClosingAfter = TimeSpan.FromHours(1);

    /// <summary>Starts (or resumes) paying an order of the account: the payment and where the student pays, or a reason.</summary>
    public async Task<(Payment? Payment, Checkout? Checkout, string? Problem)> StartAsync(Guid accountId, Guid orderId, PayContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
        if (order is null)
        {
            return (null, null, "not_found");
        }

        if (order.Status != OrderStatus.PendingPayment)
        {
            return (null, null, order.Status is OrderStatus.Closed ? "closed" : "paid");
        }

        if (clock.GetUtcNow() >= order.PayBy)
        {
            return (null, null, "closed");
        }

        var provider = await providers.CurrentAsync(cancellationToken);
        var name = PaymentProviders.NameOf(provider.Kind);
        var payment = await db.Payments
            .Where(p => p.OrderId == orderId && p.State == PaymentStates.Pending && p.AmountFen == order.PriceFen && p.Provider == name)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (payment is null)
        {
            payment = new Payment
            {
                Id = Guid.CreateVersion7(),
                OrderId = orderId,
                Provider = name,
                AmountFen = order.PriceFen,
                Currency = order.Currency,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Payments.Add(payment);
            await db.SaveChangesAsync(cancellationToken);
        }

        var school = tenant.RequiredSchool;
        Checkout checkout;
        try
        {
            checkout = await provider.CheckoutAsync(
                new CheckoutRequest(payment, $"{school.DisplayName}-{order.Number}", context.SchoolUrl, $"{context.SchoolUrl}/orders/{order.Id}",
                    $"{context.SchoolUrl}/pay/notify/{name}", order.PayBy, context.Channel, context.ClientIp, context.OpenId,
                    $"{context.SchoolUrl}/orders/{order.Id}?{CancelledQuery}"),
                cancellationToken);
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning("Checkout of payment {PaymentId} with {Provider} failed: {Reason}", payment.Id, name, e.Message);
            return (payment, null, "provider");
        }

        if (checkout.ProviderReference is { } reference && reference != payment.ProviderCheckout)
        {
            payment.ProviderCheckout = reference;
            await db.SaveChangesAsync(cancellationToken);
        }

        return (payment, checkout, null);
    }

    /// <summary>
    /// Before an unpaid order closes at its deadline: asks the provider about each pending payment, applies one that
    /// was paid after all, and closes the others at the provider so they can no longer be paid. True when the order
    /// may close now; false when it was paid, or a provider did not answer (asked again next round, for up to an hour
    /// past the deadline; after that the order closes and a payment arriving later is refunded).
    /// </summary>
    public async Task<bool> CloseAtProviderAsync(Guid orderId, DateTimeOffset payBy, CancellationToken cancellationToken = default)
    {
        var pending = await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId && p.State == PaymentStates.Pending).ToListAsync(cancellationToken);
        foreach (var payment in pending)
        {
            var provider = await providers.ForAsync(PaymentProviders.KindOf(payment), cancellationToken);
            try
            {
                var remote = await provider.QueryAsync(payment, cancellationToken);
                if (remote.State == RemoteState.Succeeded)
                {
                    await ApplyAsync(remote, cancellationToken);
                    return false;
                }

                if (remote.State == RemoteState.Pending)
                {
                    await provider.CloseAsync(payment, cancellationToken);
                }
            }
            catch (PaymentProviderException e)
            {
                // Paid in the meantime (the provider refuses to close a paid order), or not answering.
                logger.LogWarning("Closing payment {PaymentId} at {Provider} failed: {Reason}", payment.Id, payment.Provider, e.Message);
                await jobLog.RecordProviderErrorAsync(payment.Provider, ProviderOperations.Close, payment.Id.ToString(), e.Message, cancellationToken);
                if (clock.GetUtcNow() - payBy < GiveUpClosingAfter)
                {
                    return false;
                }
            }

            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ClosedAt, clock.GetUtcNow()), cancellationToken);
        }

        return true;
    }

    /// <summary>A payment of the current school, or null.</summary>
    public Task<Payment?> PaymentAsync(Guid paymentId, CancellationToken cancellationToken = default) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);

    /// <summary>Handles a provider's notification: verified by the provider, then applied once.</summary>
    public async Task<NotificationOutcome> HandleNotificationAsync(PaymentProviderKind kind, IHeaderDictionary headers, string body, CancellationToken cancellationToken = default)
    {
        var provider = await providers.ForAsync(kind, cancellationToken);
        var notification = provider.ReadNotification(headers, body);
        if (notification is null)
        {
            logger.LogWarning("{Provider} notification refused: signature, age or body not valid", kind);
            return NotificationOutcome.Refused;
        }

        return notification switch
        {
            { Payment: { } payment } => await ApplyAsync(payment, cancellationToken),
            { Refund: { } refund } => await refunds.ApplyAsync(refund, cancellationToken),
            _ => NotificationOutcome.Ignored,
        };
    }

    /// <summary>Applies what the provider says of a payment exactly once.</summary>
    public async Task<NotificationOutcome> ApplyAsync(RemotePayment notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == notification.PaymentId, cancellationToken);
        if (payment is null || (notification.State == RemoteState.Succeeded && (payment.AmountFen != notification.AmountFen || payment.Currency != notification.Currency)))
        {
            logger.LogWarning("Payment notification refused: unknown payment or amount mismatch for {PaymentId}", notification.PaymentId);
            return NotificationOutcome.Refused;
        }

        if (notification.State is RemoteState.Pending or RemoteState.NotFound)
        {
            return NotificationOutcome.Duplicate;
        }

        if (notification.State != RemoteState.Succeeded)
        {
            var cancelled = await db.Payments.Where(p => p.Id == payment.Id && p.State == PaymentStates.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentStates.Cancelled), cancellationToken);
            return cancelled == 0 ? NotificationOutcome.Duplicate : NotificationOutcome.Applied;
        }

        // pending -> succeeded once; the partial unique index keeps a second payment of the same order from succeeding.
        int changed;
        try
        {
            changed = await db.Payments.Where(p => p.Id == payment.Id && (p.State == PaymentStates.Pending || p.State == PaymentStates.Cancelled))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.State, PaymentStates.Succeeded)
                    .SetProperty(p => p.ProviderReference, notification.ProviderReference)
                    .SetProperty(p => p.PaidAt, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another payment of this order already succeeded: this one is money to give back.
            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, PaymentStates.RefundDue)
                .SetProperty(p => p.ProviderReference, notification.ProviderReference)
                .SetProperty(p => p.PaidAt, clock.GetUtcNow()), cancellationToken);
            return NotificationOutcome.RefundDue;
        }

        if (changed == 0 && payment.State == PaymentStates.RefundDue)
        {
            return NotificationOutcome.Duplicate;
        }

        var result = await grains.Order(tenant.RequiredSchool.Id, payment.OrderId)
            .PayAsync(payment.Id.ToString("N"), payment.AmountFen, payment.Currency, cancellationToken);
        if (result.Succeeded)
        {
            return changed == 0 ? NotificationOutcome.Duplicate : NotificationOutcome.Applied;
        }

        await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PaymentStates.RefundDue), cancellationToken);
        logger.LogWarning("Payment {PaymentId} arrived for order {OrderId} in a state that cannot take it: refund due", payment.Id, payment.OrderId);
        return NotificationOutcome.RefundDue;
    }
}
