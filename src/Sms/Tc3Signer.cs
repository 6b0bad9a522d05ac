using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Photocollect.Sms;

/// <summary>
/// Tencent Cloud API 3.0 request signing, TC3-HMAC-SHA256, for a JSON POST to <c>/</c> signing the
/// <c>content-type</c> and <c>host</c> headers.
/// </summary>
public static class Tc3Signer
{
    /// <summary>The Content-Type that is sent and signed.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The Authorization header value and its parts.</summary>
    /// <param name="Authorization">Header value.</param>
    /// <param name="Signature">Hex signature.</param>
    /// <param name="CanonicalRequestHash">Hex SHA-256 of the canonical request (step 2 of the docs).</param>
    public sealed record Result(string Authorization, string Signature, string CanonicalRequestHash);

    /// <summary>Signs a request.</summary>
    public static Result Sign(string secretId, string secretKey, string service, string host, string payload, long timestamp)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var canonicalRequest = string.Join('\n',
            "POST",
            "/",
            string.Empty,
            $"content-type:{ContentType}\nhost:{host}\n",
            "content-type;host",
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload))));
        var canonicalHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        var scope = $"{date}/{service}/tc3_request";
        var stringToSign = $"TC3-HMAC-SHA256\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{scope}\n{canonicalHash}";

        var secretDate = Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date);
        var secretService = Hmac(secretDate, service);
        var secretSigning = Hmac(secretService, "tc3_request");
        var signature = Hex(Hmac(secretSigning, stringToSign));
        var authorization = $"TC3-HMAC-SHA256 Credential={secretId}/{scope}, SignedHeaders=content-type;host, Signature={signature}";
        return new Result(authorization, signature, canonicalHash);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
