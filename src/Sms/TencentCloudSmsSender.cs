using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Photocollect.Sms;

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
