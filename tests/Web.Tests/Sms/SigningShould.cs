using Photocollect.Sms;

namespace Photocollect.Web.Tests.Sms;

/// <summary>Request signing against the examples the providers publish in their documentation.</summary>
public sealed class SigningShould
{
    [Fact]
    public void SignTencentCloudsPublishedExample()
    {
        // Tencent Cloud API 3.0 "Signature v3" worked example: CVM DescribeInstances, timestamp 1551113065.
        const string payload = """{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""";

        var result = Tc3Signer.Sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", "Gu5t9xGARNpq86cd98joQYCN3*******",
            "cvm", "cvm.tencentcloudapi.com", payload, 1551113065);

        Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", result.CanonicalRequestHash);
        Assert.Equal("2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c", result.Signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c",
            result.Authorization);
    }

    [Fact]
    public void SignAliyunsPublishedExample()
    {
        // Aliyun RPC signature documentation example: DescribeRegions, AccessKeyId testid, secret testsecret.
        var parameters = new Dictionary<string, string>
        {
            ["Timestamp"] = "2016-02-23T12:46:24Z",
            ["Format"] = "XML",
            ["AccessKeyId"] = "testid",
            ["Action"] = "DescribeRegions",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            ["Version"] = "2014-05-26",
            ["SignatureVersion"] = "1.0",
        };

        Assert.Equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1" +
            "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0" +
            "%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            AliyunRpcSigner.StringToSign("GET", parameters));
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", AliyunRpcSigner.Sign("GET", parameters, "testsecret"));
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a*b", "a%2Ab")]
    [InlineData("a~b", "a~b")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("/", "%2F")]
    [InlineData("中", "%E4%B8%AD")]
    [InlineData("{\"code\":\"123456\"}", "%7B%22code%22%3A%22123456%22%7D")]
    public void PercentEncodeTheWayAliyunWants(string raw, string encoded) => Assert.Equal(encoded, AliyunRpcSigner.PercentEncode(raw));
}
