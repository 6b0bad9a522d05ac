using Microsoft.AspNetCore.Http;
using Photocollect.Tenancy.Resolution;

namespace Photocollect.Tenancy.Tests.Resolution;

public sealed class PathPrefixStrategyShould
{
    [Theory]
    [InlineData("/s/beifang/", "beifang", "/s/beifang", "/")]
    [InlineData("/s/beifang", "beifang", "/s/beifang", "/")]
    [InlineData("/s/beifang/login", "beifang", "/s/beifang", "/login")]
    [InlineData("/s/beifang/staff/login/2fa", "beifang", "/s/beifang", "/staff/login/2fa")]
    [InlineData("/S/BeiFang/orders", "beifang", "/S/BeiFang", "/orders")]
    [InlineData("/s/x/", "x", "/s/x", "/")]
    [InlineData("/s/bad_slug!/", "bad_slug!", "/s/bad_slug!", "/")]
    public void SplitTheSchoolPrefix(string path, string slug, string prefix, string remainder)
    {
        var match = PathPrefixStrategy.Match(new PathString(path));

        Assert.NotNull(match);
        Assert.Equal(slug, match.Value.Slug);
        Assert.Equal(prefix, match.Value.Prefix.Value);
        Assert.Equal(remainder, match.Value.Remainder.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/s")]
    [InlineData("/s/")]
    [InlineData("/s//login")]
    [InlineData("/schools/beifang")]
    [InlineData("/staff/login")]
    [InlineData("/sbeifang/")]
    [InlineData("/x/s/beifang/")]
    public void IgnorePathsWithoutAPrefix(string path) => Assert.Null(PathPrefixStrategy.Match(new PathString(path)));

    [Theory]
    [InlineData("ab", true)]
    [InlineData("beifang", true)]
    [InlineData("nan-hu2", true)]
    [InlineData("a", false)]
    [InlineData("-ab", false)]
    [InlineData("ab-", false)]
    [InlineData("Ab", false)]
    [InlineData("a_b", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij", true)]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijk", false)]
    public void AcceptOnlyWellFormedSlugs(string? slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
