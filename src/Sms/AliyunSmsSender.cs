using System.Globalization;
using System.Text.Json.Nodes;

namespace Photocollect.Sms;

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
