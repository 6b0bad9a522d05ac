using Photocollect.Grains.Storage;
using Photocollect.Grains.Students;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Students;

[Collection(ClusterTests.Name)]
public sealed class StudentGrainShould
{
    private static readonly Guid Record = Guid.NewGuid();
    private readonly ClusterFixture cluster;
    private readonly FixedClock clock;
    // A new student per test: grains keep their activations between tests.
    private readonly string key = GrainKey.Create(Guid.Parse("6f1c2f55-0000-4000-8000-000000000001"), $"student-{Guid.NewGuid():N}").ToString();

    public StudentGrainShould(ClusterFixture cluster)
    {
        this.cluster = cluster;
        clock = cluster.Clock;
        clock.Now = ClusterFixture.Start;
    }

    [Fact]
    public async Task LockVerificationAfterFiveWrongEntries()
    {
        var grain = Grain();
        for (var remaining = 4; remaining >= 1; remaining--)
        {
            var wrong = await grain.VerifyAsync(Record, correct: false);
            Assert.Equal((VerificationOutcome.Wrong, remaining), (wrong.Outcome, wrong.RemainingAttempts));
        }

        var fifth = await grain.VerifyAsync(Record, correct: false);
        var rightButLocked = await grain.VerifyAsync(Record, correct: true);

        Assert.Equal(VerificationOutcome.Locked, fifth.Outcome);
        Assert.Equal(clock.Now + StudentGrain.LockFor, fifth.LockedUntil);
        Assert.Equal(VerificationOutcome.Locked, rightButLocked.Outcome);
        Assert.Equal(StudentStep.NeedsRecord, (await grain.GetAsync()).Step);
    }

    [Fact]
    public async Task AcceptTheRightEntryOnceTheLockHasPassed()
    {
        var grain = Grain();
        for (var i = 0; i < 5; i++)
        {
            await grain.VerifyAsync(Record, correct: false);
        }

        clock.Now += StudentGrain.LockFor + TimeSpan.FromSeconds(1);
        var result = await grain.VerifyAsync(Record, correct: true);

        Assert.Equal(VerificationOutcome.Verified, result.Outcome);
        Assert.Null(await grain.LockedUntilAsync());
        Assert.Equal((StudentStep.Verified, Record), ((await grain.GetAsync()).Step, (await grain.GetAsync()).RecordId));
    }

    [Fact]
    public async Task ResetTheCountAfterARightEntry()
    {
        var grain = Grain();
        for (var i = 0; i < 4; i++)
        {
            await grain.VerifyAsync(Record, correct: false);
        }

        await grain.VerifyAsync(Record, correct: true);
        var next = await grain.VerifyAsync(Record, correct: false);

        Assert.Equal(4, next.RemainingAttempts);
    }

    [Fact]
    public async Task WalkThroughStandardsAndChecksInOrder()
    {
        var grain = Grain();
        Assert.Equal(StudentStep.NeedsRecord, (await grain.AcknowledgeStandardsAsync()).Step);  // not before verification

        await grain.VerifyAsync(Record, correct: true);
        Assert.Equal(StudentStep.ReadyToShoot, (await grain.AcknowledgeStandardsAsync()).Step);

        var failed = await grain.RecordCheckAsync(new CheckSummary(Guid.NewGuid(), false, ["mouth_closed"], clock.Now));
        Assert.Equal((StudentStep.ReadyToShoot, 1), (failed.Step, failed.CheckAttempts));
        var passed = await grain.RecordCheckAsync(new CheckSummary(Guid.NewGuid(), true, [], clock.Now));
        Assert.Equal((StudentStep.PhotoPassed, 2), (passed.Step, passed.CheckAttempts));
    }

    [Fact]
    public async Task GiveRacingSubmitsOneOrder()
    {
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Grain().ClaimOrderAsync(Guid.NewGuid()))));

        Assert.Single(claims.Distinct());
        Assert.Equal(claims[0], cluster.Storage.Read<StudentState>(GrainStorageNames.Student, key).Value!.OrderId);
    }

    [Fact]
    public async Task KeepAnOrderClaimedUnderItByAnotherWriter()
    {
        // Another writer claims an order between this activation's read and its write: the clash is decided again on
        // what was written, and that order stands.
        var grain = Grain();
        await grain.GetAsync();
        var theirs = Guid.NewGuid();
        cluster.Storage.BeforeNextWrite(GrainStorageNames.Student, key, () =>
            cluster.Storage.Seed(GrainStorageNames.Student, key, new StudentState { OrderId = theirs, Step = StudentStep.Ordered }));

        var claimed = await grain.ClaimOrderAsync(Guid.NewGuid());

        Assert.Equal(theirs, claimed);
        Assert.Equal(theirs, cluster.Storage.Read<StudentState>(GrainStorageNames.Student, key).Value!.OrderId);
    }

    [Fact]
    public async Task AllowANewOrderOnceTheOldOneIsReleased()
    {
        var grain = Grain();
        var first = await grain.ClaimOrderAsync(Guid.NewGuid());

        await grain.ReleaseOrderAsync(Guid.NewGuid());  // another order: ignored
        Assert.Equal(first, await grain.ClaimOrderAsync(Guid.NewGuid()));

        await grain.ReleaseOrderAsync(first);
        var second = Guid.NewGuid();
        Assert.Equal(second, await grain.ClaimOrderAsync(second));
    }

    private IStudentGrain Grain() => cluster.Grains.GetGrain<IStudentGrain>(key);
}
