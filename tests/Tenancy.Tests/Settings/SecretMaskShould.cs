using Photocollect.Tenancy.Settings;

namespace Photocollect.Tenancy.Tests.Settings;

public sealed class SecretMaskShould
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("short", "••••")]
    [InlineData("12345678", "••••")]
    [InlineData("sk_live_abcdef123456", "••••3456")]
    public void NeverShowMoreThanTheLastFourCharacters(string? secret, string shown) => Assert.Equal(shown, SecretMask.Mask(secret));
}
