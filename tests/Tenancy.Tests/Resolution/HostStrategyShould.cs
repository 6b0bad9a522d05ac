using Photocollect.Tenancy.Resolution;

namespace Photocollect.Tenancy.Tests.Resolution;

public sealed class HostStrategyShould
{
    private static readonly HostStrategy Strategy = Create("localhost", "photocollect.cn");

    [Theory]
    [InlineData("beifang.localhost", HostMatchKind.Subdomain, "beifang")]
    [InlineData("beifang.localhost:5080", HostMatchKind.Subdomain, "beifang")]
    [InlineData("BeiFang.LOCALHOST:5080", HostMatchKind.Subdomain, "beifang")]
    [InlineData("beifang.localhost.", HostMatchKind.Subdomain, "beifang")]
    [InlineData("nanhu.photocollect.cn", HostMatchKind.Subdomain, "nanhu")]
    [InlineData("nanhu.photocollect.cn:443", HostMatchKind.Subdomain, "nanhu")]
    [InlineData("x-1.photocollect.cn", HostMatchKind.Subdomain, "x-1")]
    [InlineData("localhost", HostMatchKind.None, "")]
    [InlineData("localhost:5080", HostMatchKind.None, "")]
    [InlineData("photocollect.cn", HostMatchKind.None, "")]
    [InlineData("www.photocollect.cn", HostMatchKind.None, "")]
    [InlineData("API.photocollect.cn", HostMatchKind.None, "")]
    [InlineData("127.0.0.1", HostMatchKind.None, "")]
    [InlineData("127.0.0.1:5080", HostMatchKind.None, "")]
    [InlineData("[::1]:5080", HostMatchKind.None, "")]
    [InlineData("[::1]", HostMatchKind.None, "")]
    [InlineData("::1", HostMatchKind.None, "")]
    [InlineData("", HostMatchKind.None, "")]
    [InlineData(null, HostMatchKind.None, "")]
    [InlineData("photos.nenu.edu.cn", HostMatchKind.CustomHost, "photos.nenu.edu.cn")]
    [InlineData("Photos.NENU.edu.cn:8443", HostMatchKind.CustomHost, "photos.nenu.edu.cn")]
    [InlineData("a.b.photocollect.cn", HostMatchKind.CustomHost, "a.b.photocollect.cn")]
    [InlineData("evilphotocollect.cn", HostMatchKind.CustomHost, "evilphotocollect.cn")]
    [InlineData("myhost", HostMatchKind.CustomHost, "myhost")]
    public void ClassifyHosts(string? host, HostMatchKind kind, string value)
    {
        var match = Strategy.Match(host);

        Assert.Equal(kind, match.Kind);
        Assert.Equal(value, match.Value);
    }

    [Fact]
    public void UseOnlyTheConfiguredBaseDomains()
    {
        var strategy = Create("example.edu");

        Assert.Equal(HostMatchKind.CustomHost, strategy.Match("beifang.localhost").Kind);
        Assert.Equal(new HostMatch(HostMatchKind.Subdomain, "beifang"), strategy.Match("beifang.example.edu"));
    }

    private static HostStrategy Create(params string[] domains)
    {
        var options = new TenantResolutionOptions();
        options.BaseDomains.Clear();
        foreach (var d in domains)
        {
            options.BaseDomains.Add(d);
        }

        return new HostStrategy(options);
    }
}
