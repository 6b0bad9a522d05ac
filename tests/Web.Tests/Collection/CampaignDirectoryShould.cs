using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Collection;

/// <summary>
/// A school's campaigns kept in memory (<see cref="CampaignDirectory"/>): kept between reads, forgotten by every
/// <c>SaveChanges</c> that changes one (after the commit inside a transaction), read again after
/// <see cref="CampaignDirectory.Fresh"/> when changed behind the product's back, never shared with callers.
/// </summary>
public sealed class CampaignDirectoryShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task KeepTheCampaignsUntilASaveChangesOneAndForAtMostTheirFreshness()
    {
        var id = (await ReadAsync()).Id;

        // Changed in the database alone (as another instance would): this instance keeps what it read.
        await InSchoolAsync(db => db.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SupportHours, "behind")));
        Assert.NotEqual("behind", (await ReadAsync()).SupportHours);

        // Saved through a context of this instance: the next read sees it.
        await InSchoolAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == id);
            campaign.SupportHours = "saved";
            await db.SaveChangesAsync();
        });
        Assert.Equal("saved", (await ReadAsync()).SupportHours);

        // Changed behind its back again: seen once the kept campaigns are older than their freshness.
        await InSchoolAsync(db => db.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SupportHours, "later")));
        Assert.Equal("saved", (await ReadAsync()).SupportHours);
        app.Clock.Advance(CampaignDirectory.Fresh);
        Assert.Equal("later", (await ReadAsync()).SupportHours);
    }

    [Fact]
    public async Task ForgetACampaignSavedInATransactionWhenItCommits()
    {
        var before = await ReadAsync();
        await InSchoolAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var campaign = await db.Campaigns.SingleAsync(c => c.Id == before.Id);
            campaign.SupportPhone = "010-12345678";
            await db.SaveChangesAsync();

            // Read before the commit: the campaign as it was, and kept again.
            Assert.Equal(before.SupportPhone, (await ReadAsync()).SupportPhone);
            await transaction.CommitAsync();
        }));

        Assert.Equal("010-12345678", (await ReadAsync()).SupportPhone);
    }

    [Fact]
    public async Task HandOutCopiesThatChangeNothingKept()
    {
        var first = await ReadAsync();
        var name = first.Name;
        first.Name = "changed by a caller";
        first.Levels.Add("博士后");

        var second = await ReadAsync();
        Assert.Equal(name, second.Name);
        Assert.DoesNotContain("博士后", second.Levels);
    }

    [Fact]
    public async Task NeverHandOutWhatWasReadWhileTheCampaignsWereForgotten()
    {
        var directory = new CampaignDirectory(TimeProvider.System);
        var school = Guid.NewGuid();
        var reads = 0;
        Task<List<Campaign>> Load(string name, bool forgetMeanwhile)
        {
            reads++;
            if (forgetMeanwhile)
            {
                directory.Forget(school);  // a change committed while this read ran
            }

            return Task.FromResult(new List<Campaign> { new() { Name = name } });
        }

        Assert.Equal("old", (await directory.OfSchoolAsync(school, _ => Load("old", forgetMeanwhile: true), default)).Single().Name);
        Assert.Equal("new", (await directory.OfSchoolAsync(school, _ => Load("new", forgetMeanwhile: false), default)).Single().Name);
        Assert.Equal("new", (await directory.OfSchoolAsync(school, _ => Load("never read", forgetMeanwhile: false), default)).Single().Name);
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task LetOneCallerReadOldCampaignsAgainWhileTheOthersGoOnWithThem()
    {
        var clock = new ShiftingClock();
        var directory = new CampaignDirectory(clock);
        var school = Guid.NewGuid();
        var reads = 0;
        Task<List<Campaign>> Load(string name)
        {
            reads++;
            return Task.FromResult(new List<Campaign> { new() { Name = name } });
        }

        await directory.OfSchoolAsync(school, _ => Load("old"), default);
        clock.Advance(CampaignDirectory.Fresh);
        var reading = new TaskCompletionSource<List<Campaign>>();
        var first = directory.OfSchoolAsync(school, _ => reading.Task, default);
        Assert.Equal("old", (await directory.OfSchoolAsync(school, _ => Load("not read"), default)).Single().Name);

        // Forgotten meanwhile (a change on this instance): the next caller reads; the late read neither is handed out nor
        // replaces what was read after the change.
        directory.Forget(school);
        Assert.Equal("new", (await directory.OfSchoolAsync(school, _ => Load("new"), default)).Single().Name);
        reading.SetResult([new() { Name = "read before the change" }]);
        await first;
        Assert.Equal("new", (await directory.OfSchoolAsync(school, _ => Load("never read"), default)).Single().Name);
        Assert.Equal(2, reads);
    }

    private Task<Campaign> ReadAsync() => app.InSchoolAsync(AppFactory.A, async sp =>
        (await sp.GetRequiredService<CollectionFlow>().CampaignAsync(CampaignKind.Graduation))!);

    private Task InSchoolAsync(Func<AppDbContext, Task> work) => app.InSchoolAsync(AppFactory.A, sp => work(sp.GetRequiredService<AppDbContext>()));
}
