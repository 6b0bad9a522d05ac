using System.Text;
using Photocollect.Collection.Registry;

namespace Photocollect.Web.Tests.Registry;

public sealed class CollectionCodesShould
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("test-key");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CodePayload Payload = new("100001", "2023000001", Now.AddDays(30), "a1b2c3");

    [Fact]
    public void ReadBackWhatItIssued()
    {
        var code = CollectionCodes.Issue(Payload, Key);

        var (payload, error) = CollectionCodes.Verify(code, Key, Now);

        Assert.Null(error);
        Assert.Equal(Payload with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(Payload.ExpiresAt.ToUnixTimeSeconds()) }, payload);
        Assert.StartsWith("PCR1.", code, StringComparison.Ordinal);
    }

    [Fact]
    public void CallACodeSignedWithAnotherKeyForged()
    {
        var code = CollectionCodes.Issue(Payload, Encoding.UTF8.GetBytes("someone-else"));

        Assert.Equal(RegistryError.Forged, CollectionCodes.Verify(code, Key, Now).Error);
    }

    [Fact]
    public void CallAnAlteredPayloadForged()
    {
        var code = CollectionCodes.Issue(Payload, Key);
        var other = CollectionCodes.Issue(Payload with { StudentNumber = "2023000002" }, Key);
        var spliced = $"{other.Split('.')[0]}.{other.Split('.')[1]}.{code.Split('.')[2]}";

        Assert.Equal(RegistryError.Forged, CollectionCodes.Verify(spliced, Key, Now).Error);
    }

    [Fact]
    public void RefuseAnExpiredCode()
    {
        var code = CollectionCodes.Issue(Payload with { ExpiresAt = Now.AddSeconds(-1) }, Key);

        Assert.Equal(RegistryError.Expired, CollectionCodes.Verify(code, Key, Now).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("https://weixin.qq.com/r/abc")]
    [InlineData("PCR1")]
    [InlineData("PCR1.abc")]
    [InlineData("PCR1.a.b.c")]
    [InlineData("PCR2.eyJzIjoiMSJ9.c2ln")]
    [InlineData("PCR1.!!!.###")]
    public void CallAnythingElseMalformed(string text) =>
        Assert.Equal(RegistryError.Malformed, CollectionCodes.Verify(text, Key, Now).Error);

    [Fact]
    public void CallASignedCodeWithoutTheFieldsMalformed()
    {
        var body = "PCR1." + System.Buffers.Text.Base64Url.EncodeToString("{\"s\":\"1\"}"u8);
        var signature = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(body)));

        Assert.Equal(RegistryError.Malformed, CollectionCodes.Verify($"{body}.{signature}", Key, Now).Error);
    }

    [Fact]
    public void RefuseAnOverlongText() =>
        Assert.Equal(RegistryError.Malformed, CollectionCodes.Verify("PCR1." + new string('a', 600), Key, Now).Error);

    [Theory]
    [InlineData("100001", "2023000001")]
    [InlineData("100002", "2019123456")]
    [InlineData("123456", "x")]
    public void MakeIdNumbersWithAValidCheckCharacter(string school, string student)
    {
        var identity = SimulatedIdentity.For(school, student);

        Assert.True(SimulatedIdentity.IsValidIdNumber(identity.IdNumber), identity.IdNumber);
        Assert.Equal(identity.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), identity.IdNumber[6..14]);
        Assert.Equal((identity.IdNumber[16] - '0') % 2 == 1 ? "男" : "女", identity.Gender);
    }

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("1101051949123100", false)]
    public void CheckAnIdNumber(string id, bool valid) => Assert.Equal(valid, SimulatedIdentity.IsValidIdNumber(id));
}
