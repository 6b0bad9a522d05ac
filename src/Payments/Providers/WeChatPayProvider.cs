using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// WeChat Pay API v3 in service-provider mode (服务商): the platform's merchant (sp_mchid) takes orders for the school's
/// sub-merchant (sub_mchid). Native (QR on a desktop), H5 (phone browser) and JSAPI (inside WeChat) orders, query,
/// close, refund and refund query. Requests are signed <c>WECHATPAY2-SHA256-RSA2048</c> (SHA256withRSA over
/// <c>METHOD\nPATH\ntimestamp\nnonce\nbody\n</c>); answers and notifications are verified with the platform
/// certificate or the WeChat Pay public key whose serial the <c>Wechatpay-Serial</c> header names, and a
/// notification's resource is decrypted with the APIv3 key (AEAD_AES_256_GCM).
/// </summary>
public sealed class WeChatPayProvider : IPaymentProvider
{
    /// <summary>Oldest signature timestamp accepted.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly WeChatPlatformSettings config;
    private readonly string? subMchId;
    private readonly HttpClient http;
    private readonly TimeProvider clock;
    private readonly RSA? merchantKey;
    private readonly Dictionary<string, RSA> verifiers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes the provider from the platform's service-provider account and a school's sub-merchant number.</summary>
    public WeChatPayProvider(WeChatPlatformSettings config, string? subMchId, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        this.config = config;
        this.subMchId = subMchId;
        this.http = http;
        this.clock = clock;
        if (!string.IsNullOrWhiteSpace(config.MerchantPrivateKey))
        {
            merchantKey = RSA.Create();
            merchantKey.ImportFromPem(config.MerchantPrivateKey);
        }

        foreach (var certificate in Certificates(config.PlatformCertificates))
        {
            verifiers[certificate.SerialNumber] = certificate.GetRSAPublicKey()!;
        }

        if (!string.IsNullOrWhiteSpace(config.PublicKeyId) && !string.IsNullOrWhiteSpace(config.PublicKey))
        {
            var key = RSA.Create();
            key.ImportFromPem(config.PublicKey);
            verifiers[config.PublicKeyId] = key;
        }
    }

    /// <inheritdoc />
    public PaymentProviderKind Kind => PaymentProviderKind.WeChatPay;

    /// <inheritdoc />
    public async Task<Checkout> CheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = request.Channel switch
        {
            PayChannel.WeChat => "jsapi",
            PayChannel.MobileBrowser => "h5",
            _ => "native",
        };
        var body = new JsonObject
        {
            ["sp_appid"] = config.SpAppId,
            ["sp_mchid"] = config.SpMchId,
            ["sub_mchid"] = subMchId,
            ["description"] = Truncate(request.Description, 127),
            ["out_trade_no"] = MerchantNumbers.Of(request.Payment.Id),
            ["time_expire"] = request.ExpiresAt.ToOffset(China).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["notify_url"] = request.NotifyUrl,
            ["amount"] = new JsonObject { ["total"] = request.Payment.AmountFen, ["currency"] = request.Payment.Currency },
        };
        if (kind == "jsapi")
        {
            body["payer"] = new JsonObject { ["sp_openid"] = request.OpenId };
        }
        else if (kind == "h5")
        {
            body["scene_info"] = new JsonObject
            {
                ["payer_client_ip"] = request.ClientIp ?? "127.0.0.1",
                ["h5_info"] = new JsonObject { ["type"] = "Wap" },
            };
        }

        var answer = await CallAsync(HttpMethod.Post, $"/v3/pay/partner/transactions/{kind}", body, cancellationToken);
        return kind switch
        {
            "jsapi" => JsApi(answer.Required("prepay_id")),
            "h5" => new Checkout($"{answer.Required("h5_url")}&redirect_url={Uri.EscapeDataString(request.ReturnUrl)}", null, null, null),
            _ => new Checkout(null, answer.Required("code_url"), null, null),
        };
    }

    /// <inheritdoc />
    public async Task<RemotePayment> QueryAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var answer = await CallAsync(HttpMethod.Get,
            $"/v3/pay/partner/transactions/out-trade-no/{MerchantNumbers.Of(payment.Id)}?sp_mchid={Uri.EscapeDataString(config.SpMchId ?? "")}&sub_mchid={Uri.EscapeDataString(subMchId ?? "")}",
            null, cancellationToken, notFoundIsAnswer: true);
        return answer.NotFound ? new RemotePayment(payment.Id, RemoteState.NotFound, null, 0, payment.Currency) : Transaction(answer.Json!) ?? throw Unreadable();
    }

    /// <inheritdoc />
    public async Task CloseAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        await CallAsync(HttpMethod.Post, $"/v3/pay/partner/transactions/out-trade-no/{MerchantNumbers.Of(payment.Id)}/close",
            new JsonObject { ["sp_mchid"] = config.SpMchId, ["sub_mchid"] = subMchId }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RemoteRefund> RefundAsync(Refund refund, Payment payment, string? notifyUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        ArgumentNullException.ThrowIfNull(payment);
        var body = new JsonObject
        {
            ["sub_mchid"] = subMchId,
            ["out_trade_no"] = MerchantNumbers.Of(payment.Id),
            ["out_refund_no"] = MerchantNumbers.Of(refund.Id),
            ["reason"] = Truncate(refund.Reason, 80),
            ["amount"] = new JsonObject { ["refund"] = refund.AmountFen, ["total"] = payment.AmountFen, ["currency"] = refund.Currency },
        };
        if (notifyUrl is not null)
        {
            body["notify_url"] = notifyUrl;
        }

        var answer = await CallAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body, cancellationToken);
        return RefundOf(refund.Id, answer.Json!);
    }

    /// <inheritdoc />
    public async Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var answer = await CallAsync(HttpMethod.Get,
            $"/v3/refund/domestic/refunds/{MerchantNumbers.Of(refund.Id)}?sub_mchid={Uri.EscapeDataString(subMchId ?? "")}", null, cancellationToken, notFoundIsAnswer: true);
        return answer.NotFound ? new RemoteRefund(refund.Id, RefundState.Pending, null) : RefundOf(refund.Id, answer.Json!);
    }

    /// <inheritdoc />
    public ProviderEvent? ReadNotification(IHeaderDictionary headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        if (!Verify(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], headers["Wechatpay-Serial"], body))
        {
            return null;
        }

        try
        {
            var envelope = JsonNode.Parse(body)!.AsObject();
            var resource = envelope["resource"]!.AsObject();
            if (resource["algorithm"]?.GetValue<string>() != "AEAD_AES_256_GCM")
            {
                return null;
            }

            var plain = Decrypt(resource["ciphertext"]!.GetValue<string>(), resource["nonce"]!.GetValue<string>(), resource["associated_data"]?.GetValue<string>() ?? "");
            var content = JsonNode.Parse(plain)!.AsObject();
            var type = envelope["event_type"]?.GetValue<string>() ?? "";
            if (content["sub_mchid"]?.GetValue<string>() != subMchId)
            {
                return null;  // another school's sub-merchant: never applied here
            }

            if (type.StartsWith("REFUND.", StringComparison.Ordinal))
            {
                return MerchantNumbers.Parse(content["out_refund_no"]?.GetValue<string>()) is { } refundId ? new ProviderEvent(null, RefundOf(refundId, content)) : null;
            }

            return content["sp_mchid"]?.GetValue<string>() == config.SpMchId && Transaction(content) is { } payment ? new ProviderEvent(payment, null) : null;
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or FormatException or CryptographicException)
        {
            return null;
        }
    }

    private static RemotePayment? Transaction(JsonObject t)
    {
        if (MerchantNumbers.Parse(t["out_trade_no"]?.GetValue<string>()) is not { } id)
        {
            return null;
        }

        var state = t["trade_state"]?.GetValue<string>() switch
        {
            "SUCCESS" or "REFUND" => RemoteState.Succeeded,
            "CLOSED" or "REVOKED" => RemoteState.Closed,
            "PAYERROR" => RemoteState.Failed,
            _ => RemoteState.Pending,  // NOTPAY, USERPAYING
        };
        var amount = t["amount"]?.AsObject();
        return new RemotePayment(id, state, t["transaction_id"]?.GetValue<string>(), amount?["total"]?.GetValue<long>() ?? 0, amount?["currency"]?.GetValue<string>() ?? "CNY");
    }

    private static RemoteRefund RefundOf(Guid refundId, JsonObject r)
    {
        var state = (r["status"] ?? r["refund_status"])?.GetValue<string>() switch
        {
            "SUCCESS" => RefundState.Succeeded,
            "CLOSED" or "ABNORMAL" => RefundState.Failed,
            _ => RefundState.Processing,
        };
        return new RemoteRefund(refundId, state, r["refund_id"]?.GetValue<string>());
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The certificates in a PEM text of one or more.</summary>
    internal static IEnumerable<X509Certificate2> Certificates(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            yield break;
        }

        const string End = "-----END CERTIFICATE-----";
        foreach (var block in pem.Split(End, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(b => b.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal)))
        {
            yield return X509Certificate2.CreateFromPem(block + "\n" + End);
        }
    }

    private static PaymentProviderException Unreadable() => new("WeChat Pay answer could not be read", transient: false);

    private Checkout JsApi(string prepayId)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Nonce();
        var package = "prepay_id=" + prepayId;
        var sign = Sign($"{config.SpAppId}\n{timestamp}\n{nonce}\n{package}\n");
        return new Checkout(null, null, new Dictionary<string, string>
        {
            ["appId"] = config.SpAppId ?? "",
            ["timeStamp"] = timestamp,
            ["nonceStr"] = nonce,
            ["package"] = package,
            ["signType"] = "RSA",
            ["paySign"] = sign,
        }, prepayId);
    }

    private async Task<Answer> CallAsync(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken cancellationToken, bool notFoundIsAnswer = false)
    {
        if (merchantKey is null || string.IsNullOrEmpty(config.SpMchId) || string.IsNullOrEmpty(subMchId) || string.IsNullOrEmpty(config.MerchantSerialNo))
        {
            throw new PaymentProviderException("WeChat Pay is not configured for this school (sp_mchid, sub_mchid, serial, private key)", transient: false);
        }

        var json = body?.ToJsonString() ?? "";
        var (status, response, text) = await ProviderHttp.SendAsync(http, () =>
        {
            var message = new HttpRequestMessage(method, config.BaseUrl.TrimEnd('/') + pathAndQuery);
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var nonce = Nonce();
            var signature = Sign($"{method.Method}\n{pathAndQuery}\n{timestamp}\n{nonce}\n{json}\n");
            message.Headers.TryAddWithoutValidation("Authorization",
                $"WECHATPAY2-SHA256-RSA2048 mchid=\"{config.SpMchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{config.MerchantSerialNo}\"");
            message.Headers.Accept.ParseAdd("application/json");
            message.Headers.UserAgent.ParseAdd("Photocollect/1.0");
            if (body is not null)
            {
                message.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return message;
        }, "WeChat Pay", cancellationToken);
        using (response)
        {
            if (notFoundIsAnswer && status == HttpStatusCode.NotFound)
            {
                return new Answer(null, NotFound: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                var code = TryCode(text);
                throw new PaymentProviderException($"WeChat Pay refused {method.Method} {pathAndQuery.Split('?')[0]}: {(int)status} {code}", transient: false);
            }

            string Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.First() : "";
            if (!Verify(Header("Wechatpay-Timestamp"), Header("Wechatpay-Nonce"), Header("Wechatpay-Signature"), Header("Wechatpay-Serial"), text))
            {
                throw new PaymentProviderException("WeChat Pay answer's signature did not verify", transient: false);
            }

            return new Answer(text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject(), NotFound: false);
        }
    }

    private static string TryCode(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["code"]?.GetValue<string>() ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private bool Verify(string? timestamp, string? nonce, string? signature, string? serial, string body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature) || serial is null
            || !verifiers.TryGetValue(serial, out var key)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        try
        {
            return key.VerifyData(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n"), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private string Decrypt(string ciphertext, string nonce, string associatedData)
    {
        var key = Encoding.UTF8.GetBytes(config.ApiV3Key ?? "");
        var data = Convert.FromBase64String(ciphertext);
        if (key.Length != 32 || data.Length < 16)
        {
            throw new CryptographicException("bad key or ciphertext");
        }

        var plain = new byte[data.Length - 16];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(Encoding.UTF8.GetBytes(nonce), data.AsSpan(0, plain.Length), data.AsSpan(plain.Length), plain, Encoding.UTF8.GetBytes(associatedData));
        return Encoding.UTF8.GetString(plain);
    }

    private string Sign(string message) =>
        Convert.ToBase64String(merchantKey!.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    private static string Nonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private sealed record Answer(JsonObject? Json, bool NotFound)
    {
        public string Required(string name) => Json?[name]?.GetValue<string>() ?? throw Unreadable();
    }
}
