using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Sms;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Sms;

/// <summary>
/// The provider senders against real local HTTP servers that check each request the way the provider does: the fakes
/// recompute the signature from what arrived on the wire (their own code, from the providers' documentation).
/// </summary>
public sealed class ProviderSendersShould
{
    private const string SecretId = "AKIDfake0001";
    private const string SecretKey = "fake-secret-key-0001";
    private static readonly IHttpClientFactory Http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    private static readonly SmsMessage Message = new("13912345678", SmsTemplate.LoginCode, ["482913", "5"], "【测试】您的登录验证码为482913");

    [Fact]
    public async Task SendThroughTencentCloudWithAValidSignature()
    {
        JsonNode? received = null;
        await using var fake = await new LocalHttpServer(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            if (!TencentSignatureIsValid(context.Request, body))
            {
                await context.Response.WriteAsync("""{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"RequestId":"r1"}}""");
                return;
            }

            received = JsonNode.Parse(body);
            await context.Response.WriteAsync("""{"Response":{"SendStatusSet":[{"Code":"Ok","Message":"send success","PhoneNumber":"+8613912345678"}],"RequestId":"r2"}}""");
        }).StartAsync();

        await new TencentCloudSmsSender(TencentSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default);

        Assert.NotNull(received);
        Assert.Equal("+8613912345678", received["PhoneNumberSet"]![0]!.GetValue<string>());
        Assert.Equal("1400000001", received["SmsSdkAppId"]!.GetValue<string>());
        Assert.Equal("1234567", received["TemplateId"]!.GetValue<string>());
        Assert.Equal(["482913", "5"], received["TemplateParamSet"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task ReportTencentCloudErrorsWithTheProvidersCode()
    {
        await using var fake = await new LocalHttpServer(context =>
            context.Response.WriteAsync("""{"Response":{"Error":{"Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"no balance"},"RequestId":"r"}}""")).StartAsync();

        var error = await Assert.ThrowsAsync<SmsSendException>(() =>
            new TencentCloudSmsSender(TencentSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default));
        Assert.Contains("InsufficientBalanceInSmsPackage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAPerNumberFailureFromTencentCloud()
    {
        await using var fake = await new LocalHttpServer(context =>
            context.Response.WriteAsync("""{"Response":{"SendStatusSet":[{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"limit"}],"RequestId":"r"}}""")).StartAsync();

        var error = await Assert.ThrowsAsync<SmsSendException>(() =>
            new TencentCloudSmsSender(TencentSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default));
        Assert.Contains("PhoneNumberDailyLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendThroughAliyunWithAValidSignature()
    {
        Dictionary<string, string>? received = null;
        await using var fake = await new LocalHttpServer(async context =>
        {
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            if (!AliyunSignatureIsValid(query))
            {
                await context.Response.WriteAsync("""{"Code":"SignatureDoesNotMatch","Message":"bad","RequestId":"r"}""");
                return;
            }

            received = query;
            await context.Response.WriteAsync("""{"Code":"OK","Message":"OK","BizId":"900619746936498440^0","RequestId":"r"}""");
        }).StartAsync();

        await new AliyunSmsSender(AliyunSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default);

        Assert.NotNull(received);
        Assert.Equal("SendSms", received["Action"]);
        Assert.Equal("13912345678", received["PhoneNumbers"]);
        Assert.Equal("图像采集", received["SignName"]);
        Assert.Equal("""{"code":"482913"}""", received["TemplateParam"]);
    }

    [Fact]
    public async Task ReportAliyunErrorsWithTheProvidersCode()
    {
        await using var fake = await new LocalHttpServer(context =>
            context.Response.WriteAsync("""{"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"触发分钟级流控","RequestId":"r"}""")).StartAsync();

        var error = await Assert.ThrowsAsync<SmsSendException>(() =>
            new AliyunSmsSender(AliyunSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default));
        Assert.Contains("isv.BUSINESS_LIMIT_CONTROL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnServerErrorsAndGarbageIntoSendErrors()
    {
        await using var fake = await new LocalHttpServer(context =>
        {
            context.Response.StatusCode = 502;
            return context.Response.WriteAsync("<html>bad gateway</html>");
        }).StartAsync();

        await Assert.ThrowsAsync<SmsSendException>(() =>
            new TencentCloudSmsSender(TencentSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default));
        await Assert.ThrowsAsync<SmsSendException>(() =>
            new AliyunSmsSender(AliyunSettings(fake.BaseAddress), Http, TimeProvider.System).SendAsync(Message, default));
    }

    [Fact]
    public async Task TurnAnUnreachableProviderIntoASendError()
    {
        var closed = new Uri("http://127.0.0.1:9/");

        await Assert.ThrowsAsync<SmsSendException>(() =>
            new TencentCloudSmsSender(TencentSettings(closed), Http, TimeProvider.System).SendAsync(Message, default));
    }

    [Fact]
    public async Task RefuseToSendWithMissingCredentials()
    {
        var settings = TencentSettings(new Uri("http://127.0.0.1:9/"));
        settings.AccessKeySecret = null;

        var error = await Assert.ThrowsAsync<SmsSendException>(() => new TencentCloudSmsSender(settings, Http, TimeProvider.System).SendAsync(Message, default));
        Assert.Contains("AccessKeySecret", error.Message, StringComparison.Ordinal);
    }

    private static SmsSettings TencentSettings(Uri endpoint) => new()
    {
        Provider = SmsProvider.TencentCloud,
        AccessKeyId = SecretId,
        AccessKeySecret = SecretKey,
        SdkAppId = "1400000001",
        SignName = "图像采集",
        LoginCodeTemplateId = "1234567",
        Endpoint = endpoint,
    };

    private static SmsSettings AliyunSettings(Uri endpoint) => new()
    {
        Provider = SmsProvider.Aliyun,
        AccessKeyId = SecretId,
        AccessKeySecret = SecretKey,
        SignName = "图像采集",
        LoginCodeTemplateId = "SMS_000001",
        Endpoint = endpoint,
    };

    /// <summary>Tencent's check, written from its "Signature v3" page: rebuild the canonical request from the wire.</summary>
    private static bool TencentSignatureIsValid(HttpRequest request, string body)
    {
        var authorization = request.Headers.Authorization.ToString();
        var timestamp = long.Parse(request.Headers["X-TC-Timestamp"].ToString(), CultureInfo.InvariantCulture);
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var canonical = $"POST\n/\n\ncontent-type:{request.ContentType}\nhost:{request.Host.Value}\n\ncontent-type;host\n{Sha256Hex(body)}";
        var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{Sha256Hex(canonical)}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + SecretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, "sms"u8.ToArray());
        key = HMACSHA256.HashData(key, "tc3_request"u8.ToArray());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return request.Headers["X-TC-Action"] == "SendSms"
            && authorization == $"TC3-HMAC-SHA256 Credential={SecretId}/{date}/sms/tc3_request, SignedHeaders=content-type;host, Signature={signature}";
    }

    /// <summary>Aliyun's check, written from its RPC signature page: sort, encode, HMAC-SHA1 with "secret&amp;".</summary>
    private static bool AliyunSignatureIsValid(Dictionary<string, string> query)
    {
        static string Encode(string s) => Uri.EscapeDataString(s).Replace("+", "%20", StringComparison.Ordinal)
            .Replace("*", "%2A", StringComparison.Ordinal).Replace("%7E", "~", StringComparison.Ordinal);
        var canonical = string.Join('&', query.Where(q => q.Key != "Signature").OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => Encode(q.Key) + "=" + Encode(q.Value)));
        var toSign = "GET&%2F&" + Encode(canonical);
#pragma warning disable CA5350 // The provider's scheme.
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(SecretKey + "&"), Encoding.UTF8.GetBytes(toSign)));
#pragma warning restore CA5350
        return query.TryGetValue("Signature", out var signature) && signature == expected && query["AccessKeyId"] == SecretId;
    }

    private static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
