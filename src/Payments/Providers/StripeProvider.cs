using System.Net;
using Photocollect.Data;
using Stripe;
using Stripe.Checkout;
using Refund = Photocollect.Data.Refund;

namespace Photocollect.Payments;

/// <summary>
/// Stripe through Stripe.net: a Checkout Session per payment (card, Alipay and WeChat Pay, with
/// <c>payment_method_options[wechat_pay][client]=web</c>), session query and expiry, and Refunds on the session's
/// PaymentIntent. Every write carries an <c>Idempotency-Key</c> made from our payment or refund id, so a retried
/// write cannot charge or refund twice. Webhooks are verified by <c>EventUtility.ConstructEvent</c> with the
/// endpoint's secret, within 300 seconds of our clock.
/// </summary>
public sealed class StripeProvider(PaymentSettings config, HttpClient http, TimeProvider clock) : IPaymentProvider
{
    /// <summary>Oldest webhook signature accepted.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    // Stripe.net retries (network errors, timeouts, 409, 5xx) with the same Idempotency-Key and its own pauses; Stripe
    // calls do not go through ProviderHttp, so three tries in all, as for the other providers, and not nine.
    private const int Retries = ProviderHttp.Attempts - 1;

    // Stripe accepts a session expiry from 30 minutes to 24 hours after creation.
    private static readonly TimeSpan ShortestSession = TimeSpan.FromMinutes(31);
    private static readonly TimeSpan LongestSession = TimeSpan.FromHours(23);

    private StripeClient? client;

    /// <inheritdoc />
    public PaymentProviderKind Kind => PaymentProviderKind.Stripe;

    /// <inheritdoc />
    public async Task<Checkout> CheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var payment = request.Payment;
        if (payment.ProviderCheckout is { } existing)
        {
            // The student comes back to pay: the same session while it is open. A completed one is being paid
            // (Alipay, WeChat Pay settle later): a second session could charge twice.
            var session = await SessionAsync(existing, cancellationToken);
            switch (session?.Status)
            {
                case "open" when session.Url is { } url:
                    return new Checkout(url, null, null, existing);
                case "complete":
                    throw new PaymentProviderException("Stripe Checkout Session is complete; its payment is still being confirmed", transient: true);
            }
        }

        // Stripe takes an expiry from 30 minutes to 24 hours ahead, so the session may outlive the order's deadline:
        // the reconciliation expires it then. Rounded up to 10 minutes, the expiry is the same for a double tap, which
        // therefore replays one idempotent request and gets one session.
        var now = clock.GetUtcNow();
        var expires = request.ExpiresAt < now + ShortestSession ? now + ShortestSession : request.ExpiresAt > now + LongestSession ? now + LongestSession : request.ExpiresAt;
        var expiresAt = (expires.ToUnixTimeSeconds() + 599) / 600 * 600;
        var id = MerchantNumbers.Of(payment.Id);
        var options = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = id,
            Metadata = new() { ["payment_id"] = id },
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new() { ["payment_id"] = id } },
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = payment.Currency.ToLowerInvariant(),
                        UnitAmount = payment.AmountFen,
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = request.Description },
                    },
                },
            ],
            // Since 2026-09-30.endive (Stripe.net 53) a filter over the methods the school turned on at Stripe; the
            // session's payment_method_types says what was offered.
            AllowedPaymentMethodTypes = ["card", "alipay", "wechat_pay"],
            PaymentMethodOptions = new SessionPaymentMethodOptionsOptions { WechatPay = new SessionPaymentMethodOptionsWechatPayOptions { Client = "web" } },
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt).UtcDateTime,
            SuccessUrl = request.ReturnUrl,
            CancelUrl = request.CancelUrl ?? request.ReturnUrl,
        };

        // A new key after an expired session, which a replay would hand back.
        var key = $"checkout-{id}-{payment.ProviderCheckout ?? "first"}-{expiresAt}";
        var created = await CallAsync("POST /v1/checkout/sessions", (c, ct) => new SessionService(c).CreateAsync(options, Key(key), ct), cancellationToken)
            ?? throw Unreadable();
        return new Checkout(created.Url ?? throw Unreadable(), null, null, created.Id ?? throw Unreadable());
    }

    /// <inheritdoc />
    public async Task<RemotePayment> QueryAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.ProviderCheckout is not { } session)
        {
            return new RemotePayment(payment.Id, RemoteState.NotFound, null, 0, payment.Currency);
        }

        var answer = await SessionAsync(session, cancellationToken);
        return answer is null ? new RemotePayment(payment.Id, RemoteState.NotFound, null, 0, payment.Currency)
            : Remote(answer, null) ?? throw Unreadable();
    }

    /// <inheritdoc />
    public async Task CloseAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.ProviderCheckout is not { } session)
        {
            return;  // no session was made
        }

        var answer = await SessionAsync(session, cancellationToken);
        switch (answer?.Status)
        {
            case null or "expired":
                return;
            case "complete":
                throw new PaymentProviderException("Stripe Checkout Session is already complete", transient: false);
            default:
                var key = Key($"expire-{MerchantNumbers.Of(payment.Id)}-{session}");
                await CallAsync("POST /v1/checkout/sessions/{id}/expire", (c, ct) => new SessionService(c).ExpireAsync(session, null, key, ct), cancellationToken);
                return;
        }
    }

    /// <inheritdoc />
    public async Task<RemoteRefund> RefundAsync(Refund refund, Payment payment, string? notifyUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(payment);
        if (payment.ProviderReference is not { Length: > 0 } intent)
        {
            throw new PaymentProviderException("Stripe payment has no PaymentIntent to refund", transient: false);
        }

        // Stripe's webhooks go to the endpoint configured at Stripe, so notifyUrl is not sent.
        var options = new RefundCreateOptions
        {
            PaymentIntent = intent,
            Amount = refund.AmountFen,
            Reason = "requested_by_customer",
            Metadata = new() { ["refund_id"] = MerchantNumbers.Of(refund.Id), ["reason"] = refund.Reason },
        };
        var key = Key($"refund-{MerchantNumbers.Of(refund.Id)}");
        var answer = await CallAsync("POST /v1/refunds", (c, ct) => new Stripe.RefundService(c).CreateAsync(options, key, ct), cancellationToken);
        return RefundOf(refund.Id, answer ?? throw Unreadable());
    }

    /// <inheritdoc />
    public async Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        if (refund.ProviderReference is not { } id)
        {
            return new RemoteRefund(refund.Id, RefundState.Pending, null);  // never reached Stripe: sent again
        }

        var answer = await CallAsync("GET /v1/refunds/{id}", (c, ct) => new Stripe.RefundService(c).GetAsync(id, null, null, ct), cancellationToken, notFoundIsAnswer: true);
        return answer is null ? new RemoteRefund(refund.Id, RefundState.Pending, null) : RefundOf(refund.Id, answer);
    }

    /// <inheritdoc />
    public ProviderEvent? ReadNotification(IHeaderDictionary headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        var signature = headers["Stripe-Signature"].ToString();
        if (string.IsNullOrEmpty(config.StripeWebhookSecret) || signature.Length == 0)
        {
            return null;
        }

        Event notification;
        try
        {
            // Events come in the API version of the school's webhook endpoint, which the school chose at Stripe and
            // which need not be the one Stripe.net pins. The few fields read below are long-standing ones, so a
            // mismatch is no reason to refuse the event (Stripe would retry it for days).
            notification = EventUtility.ConstructEvent(body, signature, config.StripeWebhookSecret, (long)Tolerance.TotalSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception e) when (e is StripeException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException or FormatException or OverflowException or NotSupportedException)
        {
            return null;
        }

        var type = notification.Type ?? "";
        var data = notification.Data?.Object;
        if (type.StartsWith("refund.", StringComparison.Ordinal))
        {
            return data is Stripe.Refund r && MerchantNumbers.Parse(r.Metadata?.GetValueOrDefault("refund_id")) is { } refundId
                ? new ProviderEvent(null, RefundOf(refundId, r)) : new ProviderEvent(null, null);
        }

        RemoteState? state = type switch
        {
            "checkout.session.completed" => null,  // paid now, or (Alipay, WeChat Pay) an asynchronous payment follows
            "checkout.session.async_payment_succeeded" => RemoteState.Succeeded,
            "checkout.session.async_payment_failed" => RemoteState.Failed,
            "checkout.session.expired" => RemoteState.Closed,
            _ => RemoteState.NotFound,
        };
        return state == RemoteState.NotFound ? new ProviderEvent(null, null)
            : data is Session session && Remote(session, state) is { } payment ? new ProviderEvent(payment, null) : null;
    }

    private static RemotePayment? Remote(Session s, RemoteState? state)
    {
        if (MerchantNumbers.Parse(s.ClientReferenceId) is not { } id)
        {
            return null;
        }

        state ??= (s.Status, s.PaymentStatus) switch
        {
            (_, "paid") => RemoteState.Succeeded,
            ("expired", _) => RemoteState.Closed,
            _ => RemoteState.Pending,
        };
        return new RemotePayment(id, state.Value, s.PaymentIntentId, s.AmountTotal ?? 0, s.Currency?.ToUpperInvariant() ?? "");
    }

    private static RemoteRefund RefundOf(Guid refundId, Stripe.Refund r)
    {
        var state = r.Status switch
        {
            "succeeded" => RefundState.Succeeded,
            "failed" or "canceled" => RefundState.Failed,
            _ => RefundState.Processing,  // pending, requires_action
        };
        return new RemoteRefund(refundId, state, r.Id);
    }

    private static RequestOptions Key(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private static PaymentProviderException Unreadable() => new("Stripe answer could not be read", transient: false);

    private Task<Session?> SessionAsync(string id, CancellationToken cancellationToken) =>
        CallAsync("GET /v1/checkout/sessions/{id}", (c, ct) => new SessionService(c).GetAsync(id, null, null, ct), cancellationToken, notFoundIsAnswer: true);

    private StripeClient Client()
    {
        if (client is not null)
        {
            return client;
        }

        try
        {
            // No telemetry: it would keep a machine id file in the service account's home and report latencies.
            return client = new StripeClient(new StripeClientOptions
            {
                ApiKey = config.StripeSecretKey,
                ApiBase = config.StripeBaseUrl.TrimEnd('/'),
                HttpClient = new SystemNetHttpClient(http, maxNetworkRetries: Retries, enableTelemetry: false),
            });
        }
        catch (ArgumentException)
        {
            throw new PaymentProviderException("Stripe is not configured for this school (secret key)", transient: false);
        }
    }

    // Stripe.net has retried what it retries; what still fails is mapped as for the other providers: no answer, a 5xx
    // or a 429 may work later, another refusal will not. A 409 (the same key still in flight at Stripe) may work later
    // too, and must not become final: the first request may yet succeed.
    private async Task<T?> CallAsync<T>(string what, Func<StripeClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool notFoundIsAnswer = false)
        where T : class
    {
        if (string.IsNullOrEmpty(config.StripeSecretKey))
        {
            throw new PaymentProviderException("Stripe is not configured for this school (secret key)", transient: false);
        }

        try
        {
            return await call(Client(), cancellationToken);
        }
        catch (StripeException e) when (notFoundIsAnswer && e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (StripeException e) when (e.HttpStatusCode == HttpStatusCode.OK)
        {
            throw Unreadable();
        }
        catch (StripeException e)
        {
            var status = (int)e.HttpStatusCode;
            throw new PaymentProviderException($"Stripe answered {what} with {status} {e.StripeError?.Type} {e.StripeError?.Code}".TrimEnd(),
                transient: status is >= 500 or 429 or 409);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException($"Stripe unreachable: {e.HttpRequestError}", transient: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PaymentProviderException("Stripe timed out", transient: true);
        }
    }
}
