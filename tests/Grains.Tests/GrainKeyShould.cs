namespace Photocollect.Grains.Tests;

public sealed class GrainKeyShould
{
    private static readonly Guid Tenant = Guid.Parse("0193a7c4-1111-7000-8000-000000000001");

    [Fact]
    public void RoundTripThroughItsText()
    {
        var key = GrainKey.Create(Tenant, "2021001234");

        Assert.Equal("0193a7c4-1111-7000-8000-000000000001/2021001234", key.ToString());
        Assert.Equal(key, GrainKey.Parse(key.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/x")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001/")]
    [InlineData("00000000-0000-0000-0000-000000000000/x")]
    [InlineData("not-a-guid/x")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001/a/b")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001/学号")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001/a b")]
    [InlineData("0193a7c4-1111-7000-8000-000000000001/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void RefuseMalformedKeys(string? text)
    {
        Assert.False(GrainKey.TryParse(text, out _));
    }

    [Fact]
    public void RefuseAnEmptyTenantOnCreate() =>
        Assert.Throws<ArgumentException>(() => GrainKey.Create(Guid.Empty, "x"));
}
