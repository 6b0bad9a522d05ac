using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy.Settings;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>
/// WeChat Pay API v3 (service-provider endpoints) as a real local HTTP server, written from the documentation and
/// independent of the product's code: it checks every request's <c>WECHATPAY2-SHA256-RSA2048</c> signature with the
/// merchant's public key, keeps orders and refunds, signs every answer with its platform key, and makes signed,
/// AES-256-GCM encrypted notifications. Keys are generated per instance.
/// </summary>
public sealed class FakeWeChatPay : IAsyncDisposable
{
    /// <summary>The service provider's merchant id.</summary>
    public const string SpMchId = "1900000001";

    /// <summary>The service provider's app id.</summary>
    public const string SpAppId = "wx8888888888888888";

    /// <summary>The merchant API certificate's serial.</summary>
    public const string MerchantSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";

    /// <summary>The WeChat Pay public key's id.</summary>
    public const string PublicKeyId = "PUB_KEY_ID_0114232134912410000000000000";

    private LocalHttpServer server = null!;
    private readonly RSA merchant = RSA.Create(2048);
    private readonly RSA platform = RSA.Create(2048);
    private readonly RSA oldPlatform = RSA.Create(2048);
    private readonly X509Certificate2 certificate;
    private readonly ConcurrentDictionary<string, JsonObject> orders = new();
    private readonly ConcurrentDictionary<string, JsonObject> refunds = new();
    private int failNext;

    private FakeWeChatPay()
    {
        ApiV3Key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));  // 32 characters
        var request = new CertificateRequest("CN=Tenpay.com Root CA", oldPlatform, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    }

    /// <summary>The server's clock (the app's, when a test moves time): signatures are dated and checked by it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The server's base URL.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The APIv3 key.</summary>
    public string ApiV3Key { get; }

    /// <summary>Requests refused for a bad signature.</summary>
    public int BadSignatures { get; private set; }

    /// <summary>Refunds refused for asking more than is left of the order.</summary>
    public int OverRefunds { get; private set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeWeChatPay> StartAsync()
    {
        var fake = new FakeWeChatPay();
        fake.server = await LocalHttpServer.WithRoutes(fake.Map).StartAsync();
        fake.BaseUrl = fake.server.BaseAddress.ToString().TrimEnd('/');
        return fake;
    }

    /// <summary>Starts a server on the app's clock and switches the first demo school to it (with short retry pauses).</summary>
    public static async Task<FakeWeChatPay> ForAppAsync(AppFactory app, string subMchId = "1900000109")
    {
        ArgumentNullException.ThrowIfNull(app);
        ProviderHttp.FirstPause = TimeSpan.FromMilliseconds(10);
        var fake = await StartAsync();
        fake.Clock = app.Clock;
        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            await sp.GetRequiredService<IPlatformSettings>().SaveAsync(fake.Platform());
            await sp.GetRequiredService<ITenantSettings>().SaveAsync(Settings(subMchId));
        });
        return fake;
    }

    /// <summary>A school's settings: WeChat Pay as the given sub-merchant of the platform's service provider.</summary>
    public static PaymentSettings Settings(string subMchId) => new() { Provider = PaymentProviderKind.WeChatPay, WeChatSubMchId = subMchId };

    /// <summary>The platform's service-provider account at this server: answers verified with the public key and (for an
    /// older serial) the platform certificate.</summary>
    public WeChatPlatformSettings Platform() => new()
    {
        BaseUrl = BaseUrl,
        SpMchId = SpMchId,
        SpAppId = SpAppId,
        MerchantSerialNo = MerchantSerial,
        MerchantPrivateKey = merchant.ExportPkcs8PrivateKeyPem(),
        ApiV3Key = ApiV3Key,
        PlatformCertificates = certificate.ExportCertificatePem(),
        PublicKeyId = PublicKeyId,
        PublicKey = platform.ExportSubjectPublicKeyInfoPem(),
    };

    /// <summary>The next <paramref name="count"/> requests answer <c>500 SYSTEM_ERROR</c>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failNext, count);

    /// <summary>An order as the server keeps it, or null.</summary>
    public JsonObject? Order(string outTradeNo) => orders.TryGetValue(outTradeNo, out var o) ? o : null;

    /// <summary>Every refund as the server keeps it.</summary>
    public IReadOnlyList<JsonObject> Refunds() => [.. refunds.Values];

    /// <summary>The refunds of an order as the server keeps them.</summary>
    public IReadOnlyList<JsonObject> RefundsOf(string outTradeNo) => [.. refunds.Values.Where(r => r["out_trade_no"]!.GetValue<string>() == outTradeNo)];

    /// <summary>The student pays: the order becomes SUCCESS; the notification to send (headers, body).</summary>
    public (Dictionary<string, string> Headers, string Body) Pay(string outTradeNo)
    {
        var order = orders[outTradeNo];
        lock (order)
        {
            if (order["trade_state"]!.GetValue<string>() == "NOTPAY")
            {
                order["trade_state"] = "SUCCESS";
                order["transaction_id"] = "42000" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "0000000000000";
                order["success_time"] = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            }

            return Notification("TRANSACTION.SUCCESS", "transaction", order);
        }
    }

    /// <summary>A refund becomes final (SUCCESS or CLOSED); the notification to send.</summary>
    public (Dictionary<string, string> Headers, string Body) FinishRefund(string outRefundNo, bool succeeded = true)
    {
        var refund = refunds[outRefundNo];
        lock (refund)
        {
            refund["status"] = succeeded ? "SUCCESS" : "CLOSED";
            var content = new JsonObject
            {
                ["sp_mchid"] = SpMchId,
                ["sub_mchid"] = refund["sub_mchid"]!.GetValue<string>(),
                ["out_trade_no"] = refund["out_trade_no"]!.GetValue<string>(),
                ["transaction_id"] = refund["transaction_id"]!.GetValue<string>(),
                ["out_refund_no"] = outRefundNo,
                ["refund_id"] = refund["refund_id"]!.GetValue<string>(),
                ["refund_status"] = refund["status"]!.GetValue<string>(),
                ["amount"] = refund["amount"]!.DeepClone(),
            };
            return Notification(succeeded ? "REFUND.SUCCESS" : "REFUND.CLOSED", "refund", content);
        }
    }

    /// <summary>A notification of an event over <paramref name="content"/>, signed by the platform key (or
    /// <paramref name="signer"/>) at <paramref name="at"/>.</summary>
    public (Dictionary<string, string> Headers, string Body) Notification(string eventType, string originalType, JsonObject content, DateTimeOffset? at = null, RSA? signer = null, string? serial = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));  // 12 characters
        var associated = originalType;
        var plain = Encoding.UTF8.GetBytes(content.ToJsonString());
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
        {
            aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plain, cipher, tag, Encoding.UTF8.GetBytes(associated));
        }

        var body = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["create_time"] = Clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = "支付成功",
            ["resource"] = new JsonObject
            {
                ["original_type"] = originalType,
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["ciphertext"] = Convert.ToBase64String([.. cipher, .. tag]),
                ["associated_data"] = associated,
                ["nonce"] = nonce,
            },
        }.ToJsonString();
        return (SignatureHeaders(body, at, signer, serial), body);
    }

    /// <summary>The headers that sign <paramref name="body"/> (Wechatpay-Timestamp, -Nonce, -Signature, -Serial).</summary>
    public Dictionary<string, string> SignatureHeaders(string body, DateTimeOffset? at = null, RSA? signer = null, string? serial = null)
    {
        var timestamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signature = Convert.ToBase64String((signer ?? platform).SignData(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return new()
        {
            ["Wechatpay-Timestamp"] = timestamp,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Signature"] = signature,
            ["Wechatpay-Serial"] = serial ?? PublicKeyId,
        };
    }

    /// <summary>Signs with the key of the older platform certificate, naming its serial.</summary>
    public Dictionary<string, string> SignatureHeadersByCertificate(string body) => SignatureHeaders(body, null, oldPlatform, certificate.SerialNumber);

    /// <summary>Verifies a JSAPI paySign with the merchant's public key.</summary>
    public bool VerifyPaySign(IReadOnlyDictionary<string, string> jsapi)
    {
        ArgumentNullException.ThrowIfNull(jsapi);
        var message = $"{jsapi["appId"]}\n{jsapi["timeStamp"]}\n{jsapi["nonceStr"]}\n{jsapi["package"]}\n";
        return merchant.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(jsapi["paySign"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        merchant.Dispose();
        platform.Dispose();
        oldPlatform.Dispose();
        certificate.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            if (Interlocked.Decrement(ref failNext) >= 0)
            {
                await Answer(context, 500, new JsonObject { ["code"] = "SYSTEM_ERROR", ["message"] = "系统错误" });
                return;
            }

            if (!Authorized(context.Request, body))
            {
                BadSignatures++;
                await Answer(context, 401, new JsonObject { ["code"] = "SIGN_ERROR", ["message"] = "签名错误" });
                return;
            }

            context.Items["body"] = body;
            await next(context);
        });
        foreach (var kind in new[] { "native", "h5", "jsapi" })
        {
            app.MapPost($"/v3/pay/partner/transactions/{kind}", context => CreateAsync(context, kind));
        }

        app.MapGet("/v3/pay/partner/transactions/out-trade-no/{no}", context =>
        {
            var no = (string)context.Request.RouteValues["no"]!;
            return orders.TryGetValue(no, out var order) && order["sub_mchid"]!.GetValue<string>() == context.Request.Query["sub_mchid"] && context.Request.Query["sp_mchid"] == SpMchId
                ? Answer(context, 200, View(order))
                : Answer(context, 404, new JsonObject { ["code"] = "ORDER_NOT_EXIST", ["message"] = "订单不存在" });
        });
        app.MapPost("/v3/pay/partner/transactions/out-trade-no/{no}/close", context =>
        {
            var body = Body(context);
            if (!orders.TryGetValue((string)context.Request.RouteValues["no"]!, out var order) || body?["sub_mchid"]?.GetValue<string>() != order["sub_mchid"]!.GetValue<string>())
            {
                return Answer(context, 404, new JsonObject { ["code"] = "ORDER_NOT_EXIST", ["message"] = "订单不存在" });
            }

            lock (order)
            {
                var state = order["trade_state"]!.GetValue<string>();
                if (state is "SUCCESS" or "REFUND")
                {
                    return Answer(context, 400, new JsonObject { ["code"] = "ORDERPAID", ["message"] = "订单已支付" });
                }

                order["trade_state"] = "CLOSED";
            }

            return Answer(context, 204, null);
        });
        app.MapPost("/v3/refund/domestic/refunds", RefundAsync);
        app.MapGet("/v3/refund/domestic/refunds/{no}", context =>
            refunds.TryGetValue((string)context.Request.RouteValues["no"]!, out var refund) && refund["sub_mchid"]!.GetValue<string>() == context.Request.Query["sub_mchid"]
                ? Answer(context, 200, refund)
                : Answer(context, 404, new JsonObject { ["code"] = "RESOURCE_NOT_EXISTS", ["message"] = "退款单不存在" }));
    }

    private Task CreateAsync(HttpContext context, string kind)
    {
        var body = Body(context);
        var no = body?["out_trade_no"]?.GetValue<string>();
        var total = body?["amount"]?["total"]?.GetValue<long>() ?? 0;
        if (body is null || no is null || no.Length is < 6 or > 32 || total <= 0 || body["sp_mchid"]?.GetValue<string>() != SpMchId
            || string.IsNullOrEmpty(body["sub_mchid"]?.GetValue<string>()) || string.IsNullOrEmpty(body["notify_url"]?.GetValue<string>())
            || (kind == "jsapi" && string.IsNullOrEmpty(body["payer"]?["sp_openid"]?.GetValue<string>()))
            || (kind == "h5" && string.IsNullOrEmpty(body["scene_info"]?["payer_client_ip"]?.GetValue<string>())))
        {
            return Answer(context, 400, new JsonObject { ["code"] = "PARAM_ERROR", ["message"] = "参数错误" });
        }

        var order = orders.GetOrAdd(no, _ => new JsonObject
        {
            ["sp_appid"] = body["sp_appid"]?.GetValue<string>(),
            ["sp_mchid"] = SpMchId,
            ["sub_mchid"] = body["sub_mchid"]!.GetValue<string>(),
            ["out_trade_no"] = no,
            ["trade_type"] = kind == "h5" ? "MWEB" : kind.ToUpperInvariant(),
            ["trade_state"] = "NOTPAY",
            ["amount"] = new JsonObject { ["total"] = total, ["currency"] = body["amount"]!["currency"]?.GetValue<string>() ?? "CNY" },
            ["prepay_id"] = "wx" + Convert.ToHexString(RandomNumberGenerator.GetBytes(14)).ToLowerInvariant(),
        });
        if (order["amount"]!["total"]!.GetValue<long>() != total || order["sub_mchid"]!.GetValue<string>() != body["sub_mchid"]!.GetValue<string>())
        {
            return Answer(context, 400, new JsonObject { ["code"] = "INVALID_REQUEST", ["message"] = "201 商户订单号重复" });
        }

        if (order["trade_state"]!.GetValue<string>() != "NOTPAY")
        {
            return Answer(context, 400, new JsonObject { ["code"] = "ORDERPAID", ["message"] = "订单已支付或已关闭" });
        }

        var prepay = order["prepay_id"]!.GetValue<string>();
        return Answer(context, 200, kind switch
        {
            "native" => new JsonObject { ["code_url"] = $"weixin://wxpay/bizpayurl/up?pr={prepay}" },
            "h5" => new JsonObject { ["h5_url"] = $"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id={prepay}&package=1" },
            _ => new JsonObject { ["prepay_id"] = prepay },
        });
    }

    private Task RefundAsync(HttpContext context)
    {
        var body = Body(context);
        var no = body?["out_refund_no"]?.GetValue<string>();
        var amount = body?["amount"]?["refund"]?.GetValue<long>() ?? 0;
        if (body is null || no is null || amount <= 0 || !orders.TryGetValue(body["out_trade_no"]?.GetValue<string>() ?? "", out var order)
            || order["sub_mchid"]!.GetValue<string>() != body["sub_mchid"]?.GetValue<string>())
        {
            return Answer(context, 400, new JsonObject { ["code"] = "PARAM_ERROR", ["message"] = "参数错误" });
        }

        lock (order)
        {
            if (refunds.TryGetValue(no, out var existing))
            {
                return Answer(context, 200, existing);  // the same refund number again: the same refund
            }

            var total = order["amount"]!["total"]!.GetValue<long>();
            var refunded = refunds.Values.Where(r => r["out_trade_no"]!.GetValue<string>() == order["out_trade_no"]!.GetValue<string>() && r["status"]!.GetValue<string>() != "CLOSED")
                .Sum(r => r["amount"]!["refund"]!.GetValue<long>());
            if (order["trade_state"]!.GetValue<string>() is not ("SUCCESS" or "REFUND") || body["amount"]!["total"]?.GetValue<long>() != total)
            {
                return Answer(context, 400, new JsonObject { ["code"] = "INVALID_REQUEST", ["message"] = "订单未支付或金额不符" });
            }

            if (refunded + amount > total)
            {
                OverRefunds++;
                return Answer(context, 400, new JsonObject { ["code"] = "NOT_ENOUGH", ["message"] = "退款金额超过可退金额" });
            }

            var refund = new JsonObject
            {
                ["refund_id"] = "50300" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture) + "000000000000",
                ["out_refund_no"] = no,
                ["transaction_id"] = order["transaction_id"]!.GetValue<string>(),
                ["out_trade_no"] = order["out_trade_no"]!.GetValue<string>(),
                ["sub_mchid"] = order["sub_mchid"]!.GetValue<string>(),
                ["channel"] = "ORIGINAL",
                ["status"] = "PROCESSING",
                ["amount"] = new JsonObject { ["total"] = total, ["refund"] = amount, ["currency"] = "CNY" },
            };
            refunds[no] = refund;
            order["trade_state"] = "REFUND";
            return Answer(context, 200, refund);
        }
    }

    private static JsonObject View(JsonObject order)
    {
        var view = (JsonObject)order.DeepClone();
        view.Remove("prepay_id");
        return view;
    }

    private static JsonObject? Body(HttpContext context) =>
        context.Items["body"] is string { Length: > 0 } text ? JsonNode.Parse(text)?.AsObject() : null;

    private bool Authorized(HttpRequest request, string body)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "WECHATPAY2-SHA256-RSA2048 ";
        if (!header.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = header[Scheme.Length..].Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim().Trim('"'));
        if (!parts.TryGetValue("mchid", out var mchid) || mchid != SpMchId || !parts.TryGetValue("serial_no", out var serial) || serial != MerchantSerial
            || !parts.TryGetValue("timestamp", out var timestamp) || !parts.TryGetValue("nonce_str", out var nonce) || !parts.TryGetValue("signature", out var signature)
            || Math.Abs(Clock.GetUtcNow().ToUnixTimeSeconds() - long.Parse(timestamp, CultureInfo.InvariantCulture)) > 300)
        {
            return false;
        }

        var message = $"{request.Method}\n{request.Path}{request.QueryString}\n{timestamp}\n{nonce}\n{body}\n";
        return merchant.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private async Task Answer(HttpContext context, int status, JsonObject? json)
    {
        var body = json?.ToJsonString() ?? "";
        context.Response.StatusCode = status;
        foreach (var (name, value) in SignatureHeaders(body))
        {
            context.Response.Headers[name] = value;
        }

        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }
    }
}
