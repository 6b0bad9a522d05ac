using Photocollect.Data.Tenancy;
using Photocollect.Tenancy;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

/// <summary>The schools and settings sections kept in memory for request resolution, on their own.</summary>
public sealed class SchoolDirectoryShould
{
    private readonly ShiftingClock clock = new();
    private int asked;

    [Fact]
    public async Task KeepAFoundSchoolUntilItIsNoLongerFreshOrForgotten()
    {
        var directory = new SchoolDirectory(clock);
        var school = new School { Id = Guid.NewGuid(), Slug = "keep", DisplayName = "保留学院", SchoolCode = "100900", CreatedAt = DateTimeOffset.UtcNow };

        Assert.Same(school, await directory.SchoolAsync("slug:keep", Found(school), CancellationToken.None));
        Assert.Same(school, await directory.SchoolAsync("slug:keep", Found(school), CancellationToken.None));
        Assert.Equal(1, asked);

        clock.Advance(SchoolDirectory.Fresh);
        await directory.SchoolAsync("slug:keep", Found(school), CancellationToken.None);
        Assert.Equal(2, asked);

        directory.Forget();
        await directory.SchoolAsync("slug:keep", Found(school), CancellationToken.None);
        Assert.Equal(3, asked);
    }

    [Fact]
    public async Task AskAgainForASchoolItDidNotFind()
    {
        var directory = new SchoolDirectory(clock);

        Assert.Null(await directory.SchoolAsync("slug:new", Found(null), CancellationToken.None));
        Assert.Null(await directory.SchoolAsync("slug:new", Found(null), CancellationToken.None));

        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task KeepASectionNeverSavedAndForgetASectionOnceSaved()
    {
        var directory = new SchoolDirectory(clock);
        var tenant = Guid.NewGuid();

        Assert.Null(await directory.SectionAsync(tenant, "sms", Loaded(null), CancellationToken.None));
        Assert.Null(await directory.SectionAsync(tenant, "sms", Loaded(null), CancellationToken.None));
        Assert.Equal(1, asked);

        directory.Forget();  // schools only
        Assert.Null(await directory.SectionAsync(tenant, "sms", Loaded("{}"), CancellationToken.None));
        directory.ForgetSection(tenant, "sms");
        Assert.Equal("{}", await directory.SectionAsync(tenant, "sms", Loaded("{}"), CancellationToken.None));
        Assert.Equal(2, asked);
    }

    private Func<CancellationToken, Task<School?>> Found(School? school) => _ =>
    {
        asked++;
        return Task.FromResult(school);
    };

    private Func<CancellationToken, Task<string?>> Loaded(string? json) => _ =>
    {
        asked++;
        return Task.FromResult(json);
    };
}
