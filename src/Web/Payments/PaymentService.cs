using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Web.Collection;
using Photocollect.Web.Data;

namespace Photocollect.Web.Payments;

/// <summary>The Sandbox provider's settings (<c>Photocollect:Payments:Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>Key of the sandbox's notification signatures.</summary>
    public string Secret { get; set; } = "photocollect-sandbox-dev-secret";
}

/// <summary>A provider's notification after verification: what was paid for which payment.</summary>
/// <param name="PaymentId">Our payment id (the merchant order id sent to the provider).</param>
/// <param name="ProviderReference">The provider's transaction id.</param>
/// <param name="AmountFen">Amount paid.</param>
/// <param name="Currency">Currency.</param>
/// <param name="Succeeded">Paid (true) or cancelled/failed (false).</param>
public sealed record PaymentNotification(Guid PaymentId, string ProviderReference, long AmountFen, string Currency, bool Succeeded);

/// <summary>How handling a notification ended.</summary>
public enum NotificationOutcome
{
    /// <summary>Applied now.</summary>
    Applied,

    /// <summary>Already applied before (a repeated notification).</summary>
    Duplicate,

    /// <summary>Refused: bad signature, unknown payment, amount mismatch.</summary>
    Refused,

    /// <summary>Paid, but the order could not take it (closed meanwhile): the payment is marked for refund.</summary>
    RefundDue,
}

/// <summary>
/// Payments of orders through the school's provider. Today the Sandbox: a local pay page that pays or cancels and
/// then notifies through the same path a real provider's asynchronous notification takes (signature check, exactly
/// once per payment, order grain). Real providers (issue 5) plug in behind the same notification handling.
/// </summary>
public sealed class PaymentService(AppDbContext db, TenantContext tenant, GrainFactory grains, IOptions<SandboxOptions> sandbox, TimeProvider clock, ILogger<PaymentService> logger)
{
    /// <summary>Provider name of the sandbox.</summary>
    public const string Sandbox = "sandbox";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Starts (or resumes) paying an order of the account: the payment to send the student to, or a reason.</summary>
    public async Task<(Payment? Payment, string? Problem)> StartAsync(Guid accountId, Guid orderId, CancellationToken cancellationToken = default)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
        if (order is null)
        {
            return (null, "not_found");
        }

        if (order.Status != OrderStatus.PendingPayment)
        {
            return (null, order.Status is OrderStatus.Closed ? "closed" : "paid");
        }

        if (clock.GetUtcNow() >= order.PayBy)
        {
            return (null, "closed");
        }

        var pending = await db.Payments.AsNoTracking()
            .Where(p => p.OrderId == orderId && p.State == "pending" && p.AmountFen == order.PriceFen)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            return (pending, null);
        }

        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            OrderId = orderId,
            Provider = Sandbox,
            AmountFen = order.PriceFen,
            Currency = order.Currency,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        return (payment, null);
    }

    /// <summary>A payment of the current school, or null.</summary>
    public Task<Payment?> PaymentAsync(Guid paymentId, CancellationToken cancellationToken = default) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);

    /// <summary>The sandbox's notification body and signature for a payment (what its pay page sends).</summary>
    public (string Body, string Signature) SandboxNotification(Payment payment, bool paid)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var body = JsonSerializer.Serialize(new SandboxBody(payment.Id, $"SBX{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}", payment.AmountFen, payment.Currency, paid ? "SUCCESS" : "CLOSED"), Json);
        return (body, Sign(body));
    }

    /// <summary>Handles a sandbox notification: signature, then <see cref="ApplyAsync"/>.</summary>
    public async Task<NotificationOutcome> HandleSandboxAsync(string body, string? signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var expected = Encoding.ASCII.GetBytes(Sign(body));
        if (signature is null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            logger.LogWarning("Sandbox notification refused: bad signature");
            return NotificationOutcome.Refused;
        }

        SandboxBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<SandboxBody>(body, Json);
        }
        catch (JsonException)
        {
            return NotificationOutcome.Refused;
        }

        return parsed is null
            ? NotificationOutcome.Refused
            : await ApplyAsync(new PaymentNotification(parsed.PaymentId, parsed.Reference, parsed.AmountFen, parsed.Currency, parsed.Status == "SUCCESS"), cancellationToken);
    }

    /// <summary>Applies a verified notification exactly once.</summary>
    public async Task<NotificationOutcome> ApplyAsync(PaymentNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == notification.PaymentId, cancellationToken);
        if (payment is null || payment.AmountFen != notification.AmountFen || payment.Currency != notification.Currency)
        {
            logger.LogWarning("Payment notification refused: unknown payment or amount mismatch for {PaymentId}", notification.PaymentId);
            return NotificationOutcome.Refused;
        }

        if (!notification.Succeeded)
        {
            await db.Payments.Where(p => p.Id == payment.Id && p.State == "pending")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, "cancelled"), cancellationToken);
            return NotificationOutcome.Applied;
        }

        // pending -> succeeded once; the partial unique index keeps a second payment of the same order from succeeding.
        int changed;
        try
        {
            changed = await db.Payments.Where(p => p.Id == payment.Id && (p.State == "pending" || p.State == "cancelled"))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.State, "succeeded")
                    .SetProperty(p => p.ProviderReference, notification.ProviderReference)
                    .SetProperty(p => p.PaidAt, clock.GetUtcNow()), cancellationToken);
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another payment of this order already succeeded: this one is money to give back.
            await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.State, "refund_due").SetProperty(p => p.ProviderReference, notification.ProviderReference), cancellationToken);
            return NotificationOutcome.RefundDue;
        }

        var result = await grains.Order(tenant.RequiredSchool.Id, payment.OrderId)
            .PayAsync(payment.Id.ToString("N"), payment.AmountFen, payment.Currency, cancellationToken);
        if (result.Succeeded)
        {
            return changed == 0 ? NotificationOutcome.Duplicate : NotificationOutcome.Applied;
        }

        await db.Payments.Where(p => p.Id == payment.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.State, "refund_due"), cancellationToken);
        logger.LogWarning("Payment {PaymentId} arrived for order {OrderId} in a state that cannot take it: refund due", payment.Id, payment.OrderId);
        return NotificationOutcome.RefundDue;
    }

    private string Sign(string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.RequiredSchool.Id:N}:{sandbox.Value.Secret}"), Encoding.UTF8.GetBytes(body)));

    private sealed record SandboxBody(Guid PaymentId, string Reference, long AmountFen, string Currency, string Status);
}
