using Photocollect.Grains.Queues;
using Photocollect.Grains.Storage;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Queues;

[Collection(ClusterTests.Name)]
public sealed class SessionQueueGrainShould
{
    private readonly ClusterFixture cluster;
    // A new session per test: grains keep their activations between tests.
    private readonly string key = GrainKey.Create(Guid.Parse("6f1c2f55-0000-4000-8000-000000000002"), Guid.NewGuid().ToString("D")).ToString();

    public SessionQueueGrainShould(ClusterFixture cluster)
    {
        this.cluster = cluster;
        cluster.Clock.Now = ClusterFixture.Start;
    }

    [Fact]
    public async Task IssueConsecutiveNumbersOncePerOrderHoweverManyScanAtOnce()
    {
        var orders = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();

        // Every student scans twice, all at once, through both silos' clients alike.
        var places = await Task.WhenAll(orders.Concat(orders).Select(o => Task.Run(() => Queue().TakeNumberAsync(o, o))));

        var byOrder = places.Zip(orders.Concat(orders)).GroupBy(p => p.Second, p => p.First.Number).ToList();
        Assert.All(byOrder, g => Assert.Single(g.Distinct()));  // a rescan answers the same number
        Assert.Equal(Enumerable.Range(1, 200), byOrder.Select(g => g.First()).Order());
        var stored = cluster.Storage.Read<QueueState>(GrainStorageNames.Queue, key).Value!;
        Assert.Equal(Enumerable.Range(1, 200), stored.Entries.Select(e => e.Number));  // each answered number was written
    }

    [Fact]
    public async Task CallInOrderAndCountThoseAhead()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var order in new[] { a, b, c })
        {
            await Queue().TakeNumberAsync(order, order);
        }

        Assert.Equal(2, (await Queue().PlaceAsync(c)).Ahead);
        var first = await Queue().CallNextAsync(shownCalled: 0);
        cluster.Clock.Now += TimeSpan.FromMinutes(2);
        var second = await Queue().CallNextAsync(shownCalled: 1);

        Assert.Equal((1, a), (first.Called, first.CalledOrderId!.Value));
        Assert.Equal((2, b), (second.Called, second.CalledOrderId!.Value));
        var place = await Queue().PlaceAsync(c);
        Assert.Equal((3, 0, 2, TimeSpan.Zero), (place.Number, place.Ahead, place.Called, place.EstimatedWait));
        Assert.Equal(TimeSpan.FromMinutes(2), second.Pace);
    }

    [Fact]
    public async Task CallOnlyOnceForADoubleTap()
    {
        await Queue().TakeNumberAsync(Guid.NewGuid(), Guid.NewGuid());
        await Queue().TakeNumberAsync(Guid.NewGuid(), Guid.NewGuid());

        var taps = await Task.WhenAll(Queue().CallNextAsync(0), Queue().CallNextAsync(0));

        Assert.All(taps, t => Assert.Equal(1, t.Called));
        Assert.Equal([2], (await Queue().BoardAsync()).Next);
    }

    [Fact]
    public async Task SendAMissedStudentToTheEndOrBackToTheScanner()
    {
        var (late, gone, next) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Queue().TakeNumberAsync(late, late);
        await Queue().TakeNumberAsync(gone, gone);
        await Queue().TakeNumberAsync(next, next);

        await Queue().CallNextAsync(0);
        var board = await Queue().MissAsync(1, toEnd: true);
        await Queue().CallNextAsync(1);
        await Queue().MissAsync(2, toEnd: false);

        Assert.Equal([2, 3, 4], board.Next);
        Assert.Equal((4, QueueEntryStatus.Waiting, 1), ((await Queue().PlaceAsync(late)).Number, (await Queue().PlaceAsync(late)).Status, (await Queue().PlaceAsync(late)).Ahead));
        Assert.Equal(QueueEntryStatus.Missed, (await Queue().PlaceAsync(gone)).Status);
        Assert.Equal(5, (await Queue().TakeNumberAsync(gone, gone)).Number);  // scanned again: a new number at the end
    }

    [Fact]
    public async Task RefuseToMarkAWaitingNumberAsShot()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Queue().TakeNumberAsync(first, first);
        await Queue().TakeNumberAsync(second, second);
        await Queue().CallNextAsync(0);

        Assert.False(await Queue().ShotAsync(2));
        Assert.False(await Queue().ShotAsync(99));
        Assert.True(await Queue().ShotAsync(1));
        Assert.Equal((QueueEntryStatus.Shot, 1), ((await Queue().PlaceAsync(first)).Status, (await Queue().BoardAsync()).Shot));
        Assert.Equal(1, (await Queue().TakeNumberAsync(first, first)).Number);  // photographed: a rescan changes nothing
    }

    [Fact]
    public async Task KeepEveryAnsweredNumberWhenAWriteClashes()
    {
        var first = Guid.NewGuid();
        await Queue().TakeNumberAsync(first, first);
        // Another activation (a silo that died mid-call) wrote number 2 for someone else first.
        var other = Guid.NewGuid();
        cluster.Storage.BeforeNextWrite(GrainStorageNames.Queue, key, () =>
        {
            var (stored, _) = cluster.Storage.Read<QueueState>(GrainStorageNames.Queue, key);
            cluster.Storage.Seed(GrainStorageNames.Queue, key, stored! with
            {
                Entries = [.. stored.Entries, new QueueEntry { Number = 2, OrderId = other, AccountId = other, IssuedAt = ClusterFixture.Start }],
                Version = stored.Version + 1,
            });
        });

        var mine = Guid.NewGuid();
        var place = await Queue().TakeNumberAsync(mine, mine);

        Assert.Equal(3, place.Number);
        Assert.Equal(2, (await Queue().PlaceAsync(other)).Number);
    }

    private ISessionQueueGrain Queue() => cluster.Grains.GetGrain<ISessionQueueGrain>(key);
}
