using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Photocollect.Web.Data;

namespace Photocollect.Web.Payments;

/// <summary>
/// Stripe over its REST API (there is no SDK here): a Checkout Session per payment (card, Alipay and WeChat Pay, with
/// <c>payment_method_options[wechat_pay][client]=web</c>), session query and expiry, and Refunds on the session's
/// PaymentIntent. Every write carries an <c>Idempotency-Key</c> made from our payment or refund id, so a retried
/// write cannot charge or refund twice. Webhooks are verified by <c>Stripe-Signature</c>: HMAC-SHA256 of
/// <c>{t}.{body}</c> with the endpoint's secret, compared in constant time, within 300 seconds.
/// </summary>
public sealed class StripeProvider(PaymentSettings config, HttpClient http, TimeProvider clock) : IPaymentProvider
{
    /// <summary>Oldest webhook signature accepted.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    // Stripe accepts a session expiry from 30 minutes to 24 hours after creation.
    private static readonly TimeSpan ShortestSession = TimeSpan.FromMinutes(31);
    private static readonly TimeSpan LongestSession = TimeSpan.FromHours(23);

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
            switch (session.Json?["status"]?.GetValue<string>())
            {
                case "open" when session.Json["url"]?.GetValue<string>() is { } url:
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
        var form = new List<KeyValuePair<string, string>>
        {
            new("mode", "payment"),
            new("client_reference_id", id),
            new("metadata[payment_id]", id),
            new("payment_intent_data[metadata][payment_id]", id),
            new("line_items[0][quantity]", "1"),
            new("line_items[0][price_data][currency]", payment.Currency.ToLowerInvariant()),
            new("line_items[0][price_data][unit_amount]", payment.AmountFen.ToString(CultureInfo.InvariantCulture)),
            new("line_items[0][price_data][product_data][name]", request.Description),
            new("payment_method_types[0]", "card"),
            new("payment_method_types[1]", "alipay"),
            new("payment_method_types[2]", "wechat_pay"),
            new("payment_method_options[wechat_pay][client]", "web"),
            new("expires_at", expiresAt.ToString(CultureInfo.InvariantCulture)),
            new("success_url", request.ReturnUrl),
            new("cancel_url", request.ReturnUrl),
        };

        // A new key after an expired session, which a replay would hand back.
        var answer = await CallAsync(HttpMethod.Post, "/v1/checkout/sessions", form, $"checkout-{id}-{payment.ProviderCheckout ?? "first"}-{expiresAt}", cancellationToken);
        return new Checkout(answer.Required("url"), null, null, answer.Required("id"));
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
        return answer.Json is null ? new RemotePayment(payment.Id, RemoteState.NotFound, null, 0, payment.Currency)
            : Session(answer.Json, null) ?? throw Unreadable();
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
        switch (answer.Json?["status"]?.GetValue<string>())
        {
            case null or "expired":
                return;
            case "complete":
                throw new PaymentProviderException("Stripe Checkout Session is already complete", transient: false);
            default:
                await CallAsync(HttpMethod.Post, $"/v1/checkout/sessions/{Uri.EscapeDataString(session)}/expire", [], $"expire-{MerchantNumbers.Of(payment.Id)}-{session}", cancellationToken);
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
        var answer = await CallAsync(HttpMethod.Post, "/v1/refunds",
        [
            new("payment_intent", intent),
            new("amount", refund.AmountFen.ToString(CultureInfo.InvariantCulture)),
            new("reason", "requested_by_customer"),
            new("metadata[refund_id]", MerchantNumbers.Of(refund.Id)),
            new("metadata[reason]", refund.Reason),
        ], $"refund-{MerchantNumbers.Of(refund.Id)}", cancellationToken);
        return RefundOf(refund.Id, answer.Json!);
    }

    /// <inheritdoc />
    public async Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        if (refund.ProviderReference is not { } id)
        {
            return new RemoteRefund(refund.Id, RefundState.Pending, null);  // never reached Stripe: sent again
        }

        var answer = await CallAsync(HttpMethod.Get, $"/v1/refunds/{Uri.EscapeDataString(id)}", null, null, cancellationToken, notFoundIsAnswer: true);
        return answer.Json is null ? new RemoteRefund(refund.Id, RefundState.Pending, null) : RefundOf(refund.Id, answer.Json);
    }

    /// <inheritdoc />
    public ProviderEvent? ReadNotification(IHeaderDictionary headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        if (!Verify(headers["Stripe-Signature"].ToString(), body))
        {
            return null;
        }

        try
        {
            var envelope = JsonNode.Parse(body)!.AsObject();
            var type = envelope["type"]?.GetValue<string>() ?? "";
            var data = envelope["data"]!["object"]!.AsObject();
            if (type.StartsWith("refund.", StringComparison.Ordinal))
            {
                return MerchantNumbers.Parse(data["metadata"]?["refund_id"]?.GetValue<string>()) is { } refundId ? new ProviderEvent(null, RefundOf(refundId, data)) : new ProviderEvent(null, null);
            }

            RemoteState? state = type switch
            {
                "checkout.session.completed" => null,  // paid now, or (Alipay, WeChat Pay) an asynchronous payment follows
                "checkout.session.async_payment_succeeded" => RemoteState.Succeeded,
                "checkout.session.async_payment_failed" => RemoteState.Failed,
                "checkout.session.expired" => RemoteState.Closed,
                _ => RemoteState.NotFound,
            };
            return state == RemoteState.NotFound ? new ProviderEvent(null, null) : Session(data, state) is { } payment ? new ProviderEvent(payment, null) : null;
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static RemotePayment? Session(JsonObject s, RemoteState? state)
    {
        if (MerchantNumbers.Parse(s["client_reference_id"]?.GetValue<string>()) is not { } id)
        {
            return null;
        }

        state ??= (s["status"]?.GetValue<string>(), s["payment_status"]?.GetValue<string>()) switch
        {
            (_, "paid") => RemoteState.Succeeded,
            ("expired", _) => RemoteState.Closed,
            _ => RemoteState.Pending,
        };
        return new RemotePayment(id, state.Value, s["payment_intent"]?.GetValue<string>(), s["amount_total"]?.GetValue<long>() ?? 0,
            s["currency"]?.GetValue<string>()?.ToUpperInvariant() ?? "");
    }

    private static RemoteRefund RefundOf(Guid refundId, JsonObject r)
    {
        var state = r["status"]?.GetValue<string>() switch
        {
            "succeeded" => RefundState.Succeeded,
            "failed" or "canceled" => RefundState.Failed,
            _ => RefundState.Processing,  // pending, requires_action
        };
        return new RemoteRefund(refundId, state, r["id"]?.GetValue<string>());
    }

    private static PaymentProviderException Unreadable() => new("Stripe answer could not be read", transient: false);

    private Task<Answer> SessionAsync(string id, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, $"/v1/checkout/sessions/{Uri.EscapeDataString(id)}", null, null, cancellationToken, notFoundIsAnswer: true);

    private bool Verify(string header, string body)
    {
        if (string.IsNullOrEmpty(config.StripeWebhookSecret) || header.Length == 0)
        {
            return false;
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0].Trim() == "t")
            {
                timestamp = pair[1].Trim();
            }
            else if (pair[0].Trim() == "v1")
            {
                signatures.Add(pair[1].Trim());
            }
        }

        if (timestamp is null || signatures.Count == 0 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(config.StripeWebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))));
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
        }

        return matched;
    }

    private async Task<Answer> CallAsync(HttpMethod method, string path, List<KeyValuePair<string, string>>? form, string? idempotencyKey, CancellationToken cancellationToken, bool notFoundIsAnswer = false)
    {
        if (string.IsNullOrEmpty(config.StripeSecretKey))
        {
            throw new PaymentProviderException("Stripe is not configured for this school (secret key)", transient: false);
        }

        var (status, response, text) = await ProviderHttp.SendAsync(http, () =>
        {
            var message = new HttpRequestMessage(method, config.StripeBaseUrl.TrimEnd('/') + path);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", config.StripeSecretKey);
            message.Headers.UserAgent.ParseAdd("Photocollect/1.0");
            if (idempotencyKey is not null)
            {
                message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            if (form is not null)
            {
                message.Content = new FormUrlEncodedContent(form);
            }

            return message;
        }, "Stripe", cancellationToken);
        using (response)
        {
            if (notFoundIsAnswer && status == HttpStatusCode.NotFound)
            {
                return new Answer(null);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PaymentProviderException($"Stripe refused {method.Method} {path}: {(int)status} {ErrorCode(text)}", transient: false);
            }

            try
            {
                return new Answer(JsonNode.Parse(text)!.AsObject());
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
            {
                throw Unreadable();
            }
        }
    }

    private static string ErrorCode(string text)
    {
        try
        {
            var error = JsonNode.Parse(text)?["error"];
            return $"{error?["type"]?.GetValue<string>()} {error?["code"]?.GetValue<string>()}".Trim();
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private sealed record Answer(JsonObject? Json)
    {
        public string Required(string name) => Json?[name]?.GetValue<string>() ?? throw Unreadable();
    }
}
