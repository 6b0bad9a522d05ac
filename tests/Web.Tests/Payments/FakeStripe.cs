using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>
/// Stripe's REST API (Checkout Sessions, Refunds) as a real local HTTP server, written from Stripe's documentation
/// and independent of the product's code. Each account has its own secret key and webhook signing secret; a request
/// must carry the account's <c>Bearer</c> key and sees only that account's objects. Writes are idempotent by
/// <c>Idempotency-Key</c> (the same key with other parameters is an <c>idempotency_error</c>), and a write without a
/// key is refused, since the product promises one on every write. Sessions are made as of API version
/// 2026-09-30.endive: the payment methods are <c>allowed_payment_method_types</c>, a filter over those the account
/// turned on. Events are signed the way Stripe signs webhooks:
/// <c>Stripe-Signature: t={unix},v1={hex HMAC-SHA256 of "{t}.{body}"}</c>, and rendered in the API version of the
/// account's webhook endpoint, which is older than the one requests ask for.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    // What every account here turned on in its Dashboard, and its webhook endpoint's API version.
    private static readonly string[] TurnedOn = ["card", "alipay", "wechat_pay"];
    private const string EndpointVersion = "2025-03-31.basil";

    private LocalHttpServer server = null!;
    private readonly ConcurrentDictionary<string, Account> accounts = new();
    private readonly ConcurrentDictionary<string, JsonObject> sessions = new();
    private readonly ConcurrentDictionary<string, JsonObject> refunds = new();
    private readonly ConcurrentDictionary<string, (string Account, string Fingerprint, int Status, string Body)> replies = new();
    private int failNext;
    private int loseNext;

    /// <summary>The server's clock (the app's, when a test moves time): signatures are dated and checked by it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The server's base URL.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Writes refused for want of an Idempotency-Key.</summary>
    public int MissingIdempotencyKeys { get; private set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeStripe> StartAsync()
    {
        var fake = new FakeStripe();
        fake.server = await LocalHttpServer.WithRoutes(fake.Map).StartAsync();
        fake.BaseUrl = fake.server.BaseAddress.ToString().TrimEnd('/');
        return fake;
    }

    /// <summary>A new Stripe account's settings for a school: its own secret key and webhook secret.</summary>
    public PaymentSettings NewAccount()
    {
        var account = new Account("sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        accounts[account.SecretKey] = account;
        return new PaymentSettings
        {
            Provider = PaymentProviderKind.Stripe,
            StripeBaseUrl = BaseUrl,
            StripeSecretKey = account.SecretKey,
            StripeWebhookSecret = account.WebhookSecret,
        };
    }

    /// <summary>The next <paramref name="count"/> requests answer <c>500 api_error</c>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failNext, count);

    /// <summary>The next <paramref name="count"/> writes are carried out, but their answers are lost (500), as when a
    /// connection drops after Stripe acted: a retry with the same Idempotency-Key must get the first result.</summary>
    public void LoseNextAnswers(int count) => Interlocked.Exchange(ref loseNext, count);

    /// <summary>A session as the server keeps it, or null.</summary>
    public JsonObject? Session(string id) => sessions.TryGetValue(id, out var s) ? s : null;

    /// <summary>The sessions made for our payment (client_reference_id), oldest first.</summary>
    public IReadOnlyList<JsonObject> SessionsOf(string clientReference) =>
        [.. sessions.Values.Where(s => s["client_reference_id"]?.GetValue<string>() == clientReference).OrderBy(s => s["created"]!.GetValue<long>())];

    /// <summary>The refunds of a PaymentIntent.</summary>
    public IReadOnlyList<JsonObject> RefundsOf(string paymentIntent) =>
        [.. refunds.Values.Where(r => r["payment_intent"]!.GetValue<string>() == paymentIntent)];

    /// <summary>The student completes the session: paid at once (card), or left to an asynchronous payment
    /// (Alipay, WeChat Pay: <c>payment_status</c> stays unpaid). The event to deliver.</summary>
    public (Dictionary<string, string> Headers, string Body) Complete(string sessionId, bool paid = true)
    {
        var session = sessions[sessionId];
        lock (session)
        {
            if (session["status"]!.GetValue<string>() == "open")
            {
                session["status"] = "complete";
                session["payment_status"] = paid ? "paid" : "unpaid";
                session["payment_intent"] = "pi_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            }

            return Event("checkout.session.completed", session);
        }
    }

    /// <summary>The asynchronous payment of a completed session ends; the event to deliver.</summary>
    public (Dictionary<string, string> Headers, string Body) FinishAsyncPayment(string sessionId, bool succeeded)
    {
        var session = sessions[sessionId];
        lock (session)
        {
            session["payment_status"] = succeeded ? "paid" : "unpaid";
            return Event(succeeded ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", session);
        }
    }

    /// <summary>An open session runs out of time; the event to deliver.</summary>
    public (Dictionary<string, string> Headers, string Body) ExpireByTime(string sessionId)
    {
        var session = sessions[sessionId];
        lock (session)
        {
            if (session["status"]!.GetValue<string>() == "open")
            {
                session["status"] = "expired";
            }

            return Event("checkout.session.expired", session);
        }
    }

    /// <summary>A refund becomes final (succeeded or failed); the event to deliver.</summary>
    public (Dictionary<string, string> Headers, string Body) FinishRefund(string refundId, bool succeeded = true)
    {
        var refund = refunds[refundId];
        lock (refund)
        {
            refund["status"] = succeeded ? "succeeded" : "failed";
            return Event(succeeded ? "refund.updated" : "refund.failed", refund);
        }
    }

    /// <summary>An event over <paramref name="data"/> for the object's account, signed with its webhook secret (or
    /// <paramref name="secret"/>) at <paramref name="at"/>.</summary>
    public (Dictionary<string, string> Headers, string Body) Event(string type, JsonObject data, DateTimeOffset? at = null, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var account = accounts[data["_account"]!.GetValue<string>()];
        var body = new JsonObject
        {
            ["id"] = "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "event",
            ["api_version"] = EndpointVersion,
            ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = type,
            ["data"] = new JsonObject { ["object"] = View(data) },
        }.ToJsonString();
        return (new() { ["Stripe-Signature"] = Signature(body, secret ?? account.WebhookSecret, at ?? Clock.GetUtcNow()) }, body);
    }

    /// <summary>A <c>Stripe-Signature</c> header value for <paramref name="body"/>.</summary>
    public static string Signature(string body, string secret, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return $"t={t},v1={v1}";
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (Interlocked.Decrement(ref failNext) >= 0)
            {
                await Answer(context, 500, Error("api_error", null, "An unknown error occurred"));
                return;
            }

            var version = context.Request.Headers["Stripe-Version"].ToString();
            if (version.Length > 0 && !Regex.IsMatch(version, @"^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$"))
            {
                await Answer(context, 400, Error("invalid_request_error", null, $"Invalid Stripe API version: {version}"));
                return;
            }

            var header = context.Request.Headers.Authorization.ToString();
            if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !accounts.ContainsKey(header["Bearer ".Length..]))
            {
                await Answer(context, 401, Error("invalid_request_error", null, "Invalid API Key provided"));
                return;
            }

            var account = header["Bearer ".Length..];
            context.Items["account"] = account;
            if (context.Request.Method != "POST")
            {
                await next(context);
                return;
            }

            var key = context.Request.Headers["Idempotency-Key"].ToString();
            if (key.Length == 0)
            {
                MissingIdempotencyKeys++;
                await Answer(context, 400, Error("invalid_request_error", "idempotency_key_missing", "This fake requires an Idempotency-Key on every write"));
                return;
            }

            var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : new FormCollection([]);
            var fingerprint = $"{context.Request.Path}?{string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))}";
            if (replies.TryGetValue($"{account}/{key}", out var earlier))
            {
                if (earlier.Fingerprint != fingerprint)
                {
                    await Answer(context, 400, Error("idempotency_error", null, "Keys for idempotent requests can only be used with the same parameters they were first used with."));
                    return;
                }

                context.Response.Headers["Idempotent-Replayed"] = "true";
                await Answer(context, earlier.Status, JsonNode.Parse(earlier.Body)!.AsObject());
                return;
            }

            context.Items["form"] = form;
            var buffer = new MemoryStream();
            var original = context.Response.Body;
            context.Response.Body = buffer;
            await next(context);
            context.Response.Body = original;
            var text = Encoding.UTF8.GetString(buffer.ToArray());
            if (context.Response.StatusCode < 500)
            {
                replies[$"{account}/{key}"] = (account, fingerprint, context.Response.StatusCode, text);
            }

            if (Interlocked.Decrement(ref loseNext) >= 0)
            {
                context.Response.Clear();
                await Answer(context, 500, Error("api_error", null, "An unknown error occurred"));
                return;
            }

            await context.Response.WriteAsync(text);
        });
        app.MapPost("/v1/checkout/sessions", CreateSession);
        app.MapGet("/v1/checkout/sessions/{id}", context =>
            Owned(context, sessions, out var session) ? Answer(context, 200, View(session!)) : Missing(context, "checkout.session"));
        app.MapPost("/v1/checkout/sessions/{id}/expire", context =>
        {
            if (!Owned(context, sessions, out var session))
            {
                return Missing(context, "checkout.session");
            }

            lock (session!)
            {
                if (session["status"]!.GetValue<string>() != "open")
                {
                    return Answer(context, 400, Error("invalid_request_error", "checkout_session_not_expirable", "Only Checkout Sessions with a status of `open` can be expired."));
                }

                session["status"] = "expired";
                return Answer(context, 200, View(session));
            }
        });
        app.MapPost("/v1/refunds", CreateRefund);
        app.MapGet("/v1/refunds/{id}", context => Owned(context, refunds, out var refund) ? Answer(context, 200, View(refund!)) : Missing(context, "refund"));
    }

    private Task CreateSession(HttpContext context)
    {
        var form = (IFormCollection)context.Items["form"]!;
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        long.TryParse(form["line_items[0][price_data][unit_amount]"], NumberStyles.None, CultureInfo.InvariantCulture, out var amount);
        long.TryParse(form["expires_at"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires);
        if (form.Keys.Any(k => k.StartsWith("payment_method_types[", StringComparison.Ordinal)))
        {
            return Answer(context, 400, Error("invalid_request_error", "parameter_unknown", "Received unknown parameter: payment_method_types"));
        }

        var allowed = form.Where(f => f.Key.StartsWith("allowed_payment_method_types[", StringComparison.Ordinal)).Select(f => f.Value.ToString()).ToList();
        List<string> methods = allowed.Count == 0 ? [.. TurnedOn] : [.. allowed.Where(TurnedOn.Contains)];
        if (methods.Count == 0)
        {
            return Answer(context, 400, Error("invalid_request_error", null, "None of the allowed_payment_method_types is turned on for this account."));
        }

        if (form["mode"] != "payment" || amount <= 0 || form["line_items[0][quantity]"] != "1" || string.IsNullOrEmpty(form["line_items[0][price_data][currency]"])
            || string.IsNullOrEmpty(form["line_items[0][price_data][product_data][name]"]) || string.IsNullOrEmpty(form["success_url"]))
        {
            return Answer(context, 400, Error("invalid_request_error", "parameter_missing", "Missing required param."));
        }

        if (methods.Contains("wechat_pay") && form["payment_method_options[wechat_pay][client]"].ToString() is not ("web" or "mobile" or "android" or "ios"))
        {
            return Answer(context, 400, Error("invalid_request_error", "parameter_missing", "payment_method_options[wechat_pay][client] is required for wechat_pay."));
        }

        if (expires != 0 && (expires < now + 1800 || expires > now + 86400))
        {
            return Answer(context, 400, Error("invalid_request_error", "parameter_invalid_integer", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation."));
        }

        var id = "cs_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var session = new JsonObject
        {
            ["_account"] = (string)context.Items["account"]!,
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = "payment",
            ["status"] = "open",
            ["payment_status"] = "unpaid",
            ["amount_total"] = amount,
            ["currency"] = form["line_items[0][price_data][currency]"].ToString(),
            ["client_reference_id"] = form["client_reference_id"].ToString(),
            ["metadata"] = Metadata(form, "metadata"),
            ["allowed_payment_method_types"] = new JsonArray([.. allowed.Select(m => JsonValue.Create(m))]),
            ["payment_method_types"] = new JsonArray([.. methods.Select(m => JsonValue.Create(m))]),
            ["payment_method_options"] = new JsonObject { ["wechat_pay"] = new JsonObject { ["client"] = form["payment_method_options[wechat_pay][client]"].ToString() } },
            ["payment_intent"] = null,
            ["created"] = now,
            ["expires_at"] = expires == 0 ? now + 86400 : expires,
            ["success_url"] = form["success_url"].ToString(),
            ["cancel_url"] = form["cancel_url"].ToString(),
            ["url"] = $"https://checkout.stripe.com/c/pay/{id}",
        };
        sessions[id] = session;
        return Answer(context, 200, View(session));
    }

    private Task CreateRefund(HttpContext context)
    {
        var form = (IFormCollection)context.Items["form"]!;
        var account = (string)context.Items["account"]!;
        var session = sessions.Values.FirstOrDefault(s => s["_account"]!.GetValue<string>() == account && s["payment_intent"]?.GetValue<string>() is { } pi && pi == form["payment_intent"]);
        if (session is null)
        {
            return Answer(context, 404, Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{form["payment_intent"]}'"));
        }

        lock (session)
        {
            var total = session["amount_total"]!.GetValue<long>();
            var refunded = refunds.Values.Where(r => r["payment_intent"]!.GetValue<string>() == form["payment_intent"] && r["status"]!.GetValue<string>() is not ("failed" or "canceled"))
                .Sum(r => r["amount"]!.GetValue<long>());
            var amount = form.ContainsKey("amount") && long.TryParse(form["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : total - refunded;
            if (session["payment_status"]!.GetValue<string>() != "paid")
            {
                return Answer(context, 400, Error("invalid_request_error", "payment_intent_unexpected_state", "This PaymentIntent has not succeeded."));
            }

            if (amount <= 0 || refunded + amount > total)
            {
                return Answer(context, 400, Error("invalid_request_error", "amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({total - refunded})"));
            }

            var refund = new JsonObject
            {
                ["_account"] = account,
                ["id"] = "re_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                ["object"] = "refund",
                ["amount"] = amount,
                ["currency"] = session["currency"]!.GetValue<string>(),
                ["payment_intent"] = form["payment_intent"].ToString(),
                ["reason"] = form["reason"].ToString() is { Length: > 0 } reason ? reason : null,
                ["metadata"] = Metadata(form, "metadata"),
                ["status"] = "pending",
                ["created"] = Clock.GetUtcNow().ToUnixTimeSeconds(),
            };
            refunds[refund["id"]!.GetValue<string>()] = refund;
            return Answer(context, 200, View(refund));
        }
    }

    private static JsonObject Metadata(IFormCollection form, string prefix)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in form.Where(f => f.Key.StartsWith(prefix + "[", StringComparison.Ordinal)))
        {
            metadata[key[(prefix.Length + 1)..^1]] = value.ToString();
        }

        return metadata;
    }

    private static bool Owned(HttpContext context, ConcurrentDictionary<string, JsonObject> store, out JsonObject? found) =>
        store.TryGetValue((string)context.Request.RouteValues["id"]!, out found) && found["_account"]!.GetValue<string>() == (string)context.Items["account"]!;

    private static Task Missing(HttpContext context, string kind) =>
        Answer(context, 404, Error("invalid_request_error", "resource_missing", $"No such {kind}: '{context.Request.RouteValues["id"]}'"));

    private static JsonObject View(JsonObject stored)
    {
        var view = (JsonObject)stored.DeepClone();
        view.Remove("_account");
        return view;
    }

    private static JsonObject Error(string type, string? code, string message) =>
        new() { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message } };

    private static async Task Answer(HttpContext context, int status, JsonObject json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    private sealed record Account(string SecretKey, string WebhookSecret);
}
