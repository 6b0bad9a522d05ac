using System.Security.Cryptography;
using System.Text;

namespace Photocollect.Sms;

/// <summary>Aliyun RPC (POP v1) request signing: HMAC-SHA1 over the sorted, percent-encoded query.</summary>
public static class AliyunRpcSigner
{
    /// <summary>The string that is signed, e.g. <c>GET&amp;%2F&amp;AccessKeyId%3D...</c>.</summary>
    public static string StringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters) =>
        method.ToUpperInvariant() + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(parameters));

    /// <summary>Base64 HMAC-SHA1 keyed with <c>{secret}&amp;</c>.</summary>
    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret + "&");
        var data = Encoding.UTF8.GetBytes(StringToSign(method, parameters));
#pragma warning disable CA5350 // Aliyun's RPC signature v1 is defined as HMAC-SHA1; the provider chooses, not us.
        return Convert.ToBase64String(HMACSHA1.HashData(key, data));
#pragma warning restore CA5350
    }

    /// <summary>Parameters sorted by name (ordinal) and joined as <c>k=v&amp;...</c>, both sides percent-encoded.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => PercentEncode(p.Key) + "=" + PercentEncode(p.Value)));

    /// <summary>RFC 3986 encoding as Aliyun wants it: unreserved characters kept, everything else %XX upper-case.</summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
