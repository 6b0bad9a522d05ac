using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Web.Data;

namespace Photocollect.Web.Sms;

/// <summary>Picks the current school's provider from its <see cref="SmsSettings"/>.</summary>
public sealed class TenantSmsSender(ITenantSettings settings, IServiceProvider services) : ISmsSender
{
    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var config = await settings.GetAsync<SmsSettings>(cancellationToken);
        ISmsSender sender = config.Provider switch
        {
            SmsProvider.TencentCloud => new TencentCloudSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            SmsProvider.Aliyun => new AliyunSmsSender(config, services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System),
            _ => services.GetRequiredService<DevOutboxSmsSender>(),
        };
        await sender.SendAsync(message, cancellationToken);
    }
}

/// <summary>Stores messages in <c>SmsOutbox</c> for the dev-only outbox page; nothing leaves the machine.</summary>
public sealed class DevOutboxSmsSender(AppDbContext db, TimeProvider clock) : ISmsSender
{
    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.SmsOutbox.Add(new SmsOutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Phone = message.Phone,
            Text = message.Text,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Tencent Cloud SMS <c>SendSms</c> (version 2021-01-11) over HTTPS with TC3-HMAC-SHA256.</summary>
public sealed class TencentCloudSmsSender(SmsSettings settings, IHttpClientFactory http, TimeProvider clock) : ISmsSender
{
    private const string Provider = "Tencent Cloud";
    private static readonly Uri PublicEndpoint = new("https://sms.tencentcloudapi.com/");

    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = settings.Endpoint ?? PublicEndpoint;
        var payload = new JsonObject
        {
            ["PhoneNumberSet"] = new JsonArray("+86" + message.Phone),
            ["SmsSdkAppId"] = SmsHttp.Required(settings.SdkAppId, "SdkAppId", Provider),
            ["SignName"] = SmsHttp.Required(settings.SignName, "SignName", Provider),
            ["TemplateId"] = SmsHttp.Required(settings.TemplateId(message.Template).Id, settings.TemplateId(message.Template).Setting, Provider),
            ["TemplateParamSet"] = new JsonArray([.. message.Parameters.Select(p => JsonValue.Create(p))]),
        }.ToJsonString();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var signed = Tc3Signer.Sign(SmsHttp.Required(settings.AccessKeyId, "AccessKeyId", Provider), SmsHttp.Required(settings.AccessKeySecret, "AccessKeySecret", Provider),
            "sms", endpoint.IsDefaultPort ? endpoint.Host : endpoint.Authority, payload, timestamp);

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(payload, Encoding.UTF8),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", Tc3Signer.ContentType);
        request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        request.Headers.Add("X-TC-Action", "SendSms");
        request.Headers.Add("X-TC-Version", "2021-01-11");
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-TC-Region", settings.Region ?? "ap-guangzhou");

        using var client = http.CreateClient("sms");
        using var response = await SmsHttp.SendAsync(client, request, "Tencent Cloud", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var root = SmsHttp.ParseJson(body, "Tencent Cloud")["Response"];
        if (root?["Error"] is { } error)
        {
            throw new SmsSendException($"Tencent Cloud refused: {error["Code"]} {error["Message"]}");
        }

        var status = root?["SendStatusSet"]?[0];
        if (status?["Code"]?.GetValue<string>() != "Ok")
        {
            throw new SmsSendException($"Tencent Cloud did not send: {status?["Code"]} {status?["Message"]}");
        }
    }

}

/// <summary>Aliyun SMS <c>SendSms</c> (dysmsapi 2017-05-25) as an RPC GET signed with HMAC-SHA1.</summary>
public sealed class AliyunSmsSender(SmsSettings settings, IHttpClientFactory http, TimeProvider clock) : ISmsSender
{
    private const string Provider = "Aliyun";
    private static readonly Uri PublicEndpoint = new("https://dysmsapi.aliyuncs.com/");

    /// <inheritdoc />
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var templateParam = new JsonObject();
        var names = SmsTemplates.ParameterNames(message.Template);
        for (var i = 0; i < names.Count && i < message.Parameters.Count; i++)
        {
            templateParam[names[i]] = message.Parameters[i];
        }

        var parameters = new Dictionary<string, string>
        {
            ["AccessKeyId"] = SmsHttp.Required(settings.AccessKeyId, "AccessKeyId", Provider),
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["PhoneNumbers"] = message.Phone,
            ["RegionId"] = "cn-hangzhou",
            ["SignName"] = SmsHttp.Required(settings.SignName, "SignName", Provider),
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = SmsHttp.Required(settings.TemplateId(message.Template).Id, settings.TemplateId(message.Template).Setting, Provider),
            ["TemplateParam"] = templateParam.ToJsonString(),
            ["Timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
        parameters["Signature"] = AliyunRpcSigner.Sign("GET", parameters, SmsHttp.Required(settings.AccessKeySecret, "AccessKeySecret", Provider));
        var query = string.Join('&', parameters.Select(p => AliyunRpcSigner.PercentEncode(p.Key) + "=" + AliyunRpcSigner.PercentEncode(p.Value)));
        var endpoint = settings.Endpoint ?? PublicEndpoint;

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, "?" + query));
        using var client = http.CreateClient("sms");
        using var response = await SmsHttp.SendAsync(client, request, "Aliyun", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var root = SmsHttp.ParseJson(body, "Aliyun");
        if (root["Code"]?.GetValue<string>() != "OK")
        {
            throw new SmsSendException($"Aliyun refused: {root["Code"]} {root["Message"]}");
        }
    }

}

/// <summary>HTTP plumbing shared by the provider senders.</summary>
internal static class SmsHttp
{
    public static string Required(string? value, string name, string provider) =>
        string.IsNullOrWhiteSpace(value) ? throw new SmsSendException($"{provider} SMS setting {name} is missing.") : value;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SmsSendException($"{provider} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmsSendException($"{provider} did not answer in time.", e);
        }
    }

    public static JsonNode ParseJson(string body, string provider)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw new SmsSendException($"{provider} answered with an empty body.");
        }
        catch (JsonException e)
        {
            throw new SmsSendException($"{provider} answered with a body that is not JSON.", e);
        }
    }
}
