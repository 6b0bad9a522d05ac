using Microsoft.AspNetCore.Http;
using Photocollect.Tenancy.Resolution;

namespace Photocollect.Tenancy.Tests.Resolution;

public sealed class TenantResolverShould
{
    private static readonly School Beifang = School("beifang", "photos.beifang.edu.cn");
    private static readonly School Nanhu = School("nanhu");
    private readonly TenantResolver _resolver = new(new HostStrategy(new TenantResolutionOptions()), new ListStore(Beifang, Nanhu));

    [Theory]
    // host, path, expected outcome, expected slug, strategy
    [InlineData("127.0.0.1:5080", "/s/beifang/login", TenantResolutionOutcome.Resolved, "beifang", "path")]
    [InlineData("localhost", "/s/nanhu/", TenantResolutionOutcome.Resolved, "nanhu", "path")]
    [InlineData("nanhu.localhost:5080", "/login", TenantResolutionOutcome.Resolved, "nanhu", "host")]
    [InlineData("photos.beifang.edu.cn", "/", TenantResolutionOutcome.Resolved, "beifang", "host")]
    [InlineData("PHOTOS.beifang.edu.cn:443", "/orders", TenantResolutionOutcome.Resolved, "beifang", "host")]
    // The host decides before the path: a school's own host does not serve another school's path prefix.
    [InlineData("nanhu.localhost", "/s/beifang/", TenantResolutionOutcome.Resolved, "nanhu", "host")]
    [InlineData("photos.beifang.edu.cn", "/s/nanhu/", TenantResolutionOutcome.Resolved, "beifang", "host")]
    // An unclaimed custom host falls through to the path.
    [InlineData("unclaimed.example.org", "/s/nanhu/", TenantResolutionOutcome.Resolved, "nanhu", "path")]
    [InlineData("unclaimed.example.org", "/", TenantResolutionOutcome.NoTenant, null, "none")]
    [InlineData("127.0.0.1", "/", TenantResolutionOutcome.NoTenant, null, "none")]
    [InlineData("127.0.0.1", "/staff/login", TenantResolutionOutcome.NoTenant, null, "none")]
    [InlineData("127.0.0.1", "/s/nope/", TenantResolutionOutcome.Unknown, null, "path")]
    [InlineData("127.0.0.1", "/s/Bad_Slug/", TenantResolutionOutcome.Unknown, null, "path")]
    [InlineData("nope.localhost", "/", TenantResolutionOutcome.Unknown, null, "host")]
    [InlineData("nope.localhost", "/s/beifang/", TenantResolutionOutcome.Unknown, null, "host")]
    public async Task ResolveInTheDocumentedOrder(string host, string path, TenantResolutionOutcome outcome, string? slug, string strategy)
    {
        var result = await _resolver.ResolveAsync(host, new PathString(path), CancellationToken.None);

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(slug, result.School?.Slug);
        Assert.Equal(strategy, result.Strategy);
    }

    [Fact]
    public async Task KeepTheRequestedNameOfAnUnknownSchool()
    {
        var result = await _resolver.ResolveAsync("127.0.0.1", new PathString("/s/NoSuchSchool/x"), CancellationToken.None);

        Assert.Equal("nosuchschool", result.Requested);
        Assert.Equal("/s/NoSuchSchool", result.PathMatch?.Prefix.Value);
    }

    private static School School(string slug, params string[] hosts) => new()
    {
        Id = Guid.NewGuid(),
        Slug = slug,
        DisplayName = slug,
        SchoolCode = "000000",
        HostNames = [.. hosts],
    };

    /// <summary>Schools in a list: resolution logic only; the database store is tested in Web.Tests.</summary>
    private sealed class ListStore(params School[] schools) : ITenantStore
    {
        public Task<School?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
            Task.FromResult(schools.FirstOrDefault(s => s.Slug == slug));

        public Task<School?> FindByHostAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult(schools.FirstOrDefault(s => s.HostNames.Contains(host)));
    }
}
