using Photocollect.Data;
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

    [Fact]
    public async Task LetOneCallerReadAnOldSchoolAgainWhileTheOthersGoOnWithIt()
    {
        var directory = new SchoolDirectory(clock);
        var (before, after) = Renamed("crowd", "100901");
        await directory.SchoolAsync("slug:crowd", Found(before), CancellationToken.None);

        // Past its freshness: the first caller reads it again; until that read ends the others get the one kept.
        clock.Advance(SchoolDirectory.Fresh);
        var reading = new TaskCompletionSource<School?>();
        var first = directory.SchoolAsync("slug:crowd", _ => { asked++; return reading.Task; }, CancellationToken.None);
        Assert.Same(before, await directory.SchoolAsync("slug:crowd", Found(after), CancellationToken.None));
        reading.SetResult(after);
        Assert.Same(after, await first);
        Assert.Same(after, await directory.SchoolAsync("slug:crowd", Found(before), CancellationToken.None));
        Assert.Equal(2, asked);

        // A read that fails hands the reading to the next caller.
        clock.Advance(SchoolDirectory.Fresh);
        await Assert.ThrowsAsync<TimeoutException>(() => directory.SchoolAsync("slug:crowd", _ => throw new TimeoutException(), CancellationToken.None));
        Assert.Same(before, await directory.SchoolAsync("slug:crowd", Found(before), CancellationToken.None));
        Assert.Equal(3, asked);

        // A read that hangs is waited for no longer than the grace: then every caller reads.
        clock.Advance(SchoolDirectory.Fresh);
        _ = directory.SchoolAsync("slug:crowd", _ => new TaskCompletionSource<School?>().Task, CancellationToken.None);
        Assert.Same(before, await directory.SchoolAsync("slug:crowd", Found(after), CancellationToken.None));
        clock.Advance(KeptEntry<object>.Grace);
        Assert.Same(after, await directory.SchoolAsync("slug:crowd", Found(after), CancellationToken.None));
        Assert.Equal(4, asked);
    }

    [Fact]
    public async Task NeverKeepWhatWasReadWhileASchoolWasForgotten()
    {
        var directory = new SchoolDirectory(clock);
        var (before, after) = Renamed("race", "100902");

        // A read that began before the school was changed here ends after: its caller gets it, nobody after.
        var reading = new TaskCompletionSource<School?>();
        var late = directory.SchoolAsync("slug:race", _ => reading.Task, CancellationToken.None);
        directory.Forget();
        reading.SetResult(before);
        Assert.Same(before, await late);

        Assert.Same(after, await directory.SchoolAsync("slug:race", Found(after), CancellationToken.None));
        Assert.Same(after, await directory.SchoolAsync("slug:race", Found(before), CancellationToken.None));
        Assert.Equal(1, asked);
    }

    // One school as read before and after it was renamed.
    private static (School Before, School After) Renamed(string slug, string code)
    {
        var before = new School { Id = Guid.NewGuid(), Slug = slug, DisplayName = "改名前", SchoolCode = code, CreatedAt = DateTimeOffset.UtcNow };
        return (before, new School { Id = before.Id, Slug = slug, DisplayName = "改名后", SchoolCode = code, CreatedAt = before.CreatedAt });
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
