using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Photocollect.Collection;
using Photocollect.Vision;

namespace Photocollect.Web.Tests.Collection;

/// <summary>The gate in front of the vision engine, on its own: how many run at once, what waits, what is refused.</summary>
public sealed class VisionGateShould
{
    [Fact]
    public async Task RunNoMoreAtOnceThanItHasWorkersAndFinishEverythingQueued()
    {
        using var gate = Gate(workers: 2, queue: 20);
        var now = 0;
        var most = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => gate.RunAsync(() =>
        {
            var running = Interlocked.Increment(ref now);
            InterlockedMax(ref most, running);
            Thread.Sleep(20);
            Interlocked.Decrement(ref now);
            return i;
        })));

        Assert.Equal(Enumerable.Range(0, 20), results);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task RefuseAtOnceWhenEveryWorkerIsBusyAndTheQueueIsFull()
    {
        using var gate = Gate(workers: 1, queue: 2);
        using var release = new ManualResetEventSlim();
        var running = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)));
        await UntilAsync(() => gate.Running == 1);
        var waiting = new[] { gate.RunAsync(() => 1), gate.RunAsync(() => 2) };

        var busy = await Assert.ThrowsAsync<VisionBusyException>(() => gate.RunAsync(() => 3));

        Assert.Equal(TimeSpan.FromSeconds(5), busy.RetryAfter);
        Assert.Equal((1, 2), (gate.Running, gate.Waiting));
        release.Set();
        Assert.True(await running);
        Assert.Equal(new[] { 1, 2 }, await Task.WhenAll(waiting));
        Assert.Equal(4, await gate.RunAsync(() => 4));  // room again once the burst has passed
    }

    [Fact]
    public async Task DropQueuedWorkWhoseCallerGaveUp()
    {
        using var gate = Gate(workers: 1, queue: 2);
        using var release = new ManualResetEventSlim();
        var running = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)));
        await UntilAsync(() => gate.Running == 1);
        using var giveUp = new CancellationTokenSource();
        var ran = false;
        var abandoned = gate.RunAsync(() => ran = true, giveUp.Token);

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        release.Set();
        Assert.True(await running);
        Assert.Equal(5, await gate.RunAsync(() => 5));
        Assert.False(ran);
    }

    [Fact]
    public async Task HandTheWorksFailureToItsCallerAndKeepWorking()
    {
        using var gate = Gate(workers: 1, queue: 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(() => throw new InvalidOperationException("broken photo")));

        Assert.Equal(6, await gate.RunAsync(() => 6));
    }

    [Fact]
    public async Task RunOptionalWorkOnlyOnAnIdleWorkerAndNeverQueueIt()
    {
        using var gate = Gate(workers: 2, queue: 4);
        Assert.Equal(7, await gate.RunOptionalAsync(() => 7));

        // One upload running: the other worker is idle, so a preview frame runs; but only one optional item at once.
        using var release = new ManualResetEventSlim();
        using var holdFrame = new ManualResetEventSlim();
        var upload = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)));
        // Taken by a worker, not only counted: the worker that ran the first item may not have counted itself out yet.
        await UntilAsync(() => gate.Running == 1 && gate.Waiting == 0);
        var frame = gate.RunOptionalAsync(() => holdFrame.Wait(TimeSpan.FromMinutes(1)));
        await UntilAsync(() => gate.Running == 2);
        await Assert.ThrowsAsync<VisionBusyException>(() => gate.RunOptionalAsync(() => 8));
        holdFrame.Set();
        Assert.True(await frame);

        // Every worker busy, or anything waiting: refused at once, nothing queued behind the uploads.
        var second = gate.RunAsync(() => release.Wait(TimeSpan.FromMinutes(1)));
        await UntilAsync(() => gate.Running == 2 && gate.Waiting == 0);
        await Assert.ThrowsAsync<VisionBusyException>(() => gate.RunOptionalAsync(() => 9));
        var queued = gate.RunAsync(() => 10);
        await Assert.ThrowsAsync<VisionBusyException>(() => gate.RunOptionalAsync(() => 11));
        Assert.Equal((2, 1), (gate.Running, gate.Waiting));
        release.Set();
        Assert.True(await upload && await second);
        Assert.Equal(10, await queued);
        Assert.Equal(12, await gate.RunOptionalAsync(() => 12));
    }

    [Fact]
    public async Task RunItsWorkersBelowTheRequestThreadsPriority()
    {
        using var gate = new VisionGate(Options.Create(new VisionGateOptions { Workers = 1, QueueLength = 1, Nice = 7 }), NullLogger<VisionGate>.Instance);

        Assert.Equal(7, await gate.RunAsync(WorkerPriority.Current));
    }

    [Fact]
    public async Task LeaveTheThreadsThatGoOnAfterTheWorkAtTheCallersPriority()
    {
        var callers = WorkerPriority.Current();
        using var gate = new VisionGate(Options.Create(new VisionGateOptions { Workers = 2, QueueLength = 64, Nice = 7 }), NullLogger<VisionGate>.Instance);

        // Continuations that hold their thread a while make the thread pool add threads while results keep coming back.
        var seen = await Task.WhenAll(Enumerable.Range(0, 48).Select(async _ =>
        {
            await gate.RunAsync(() =>
            {
                Thread.Sleep(5);
                return 0;
            });
            var nice = WorkerPriority.Current();
            Thread.Sleep(40);
            return nice;
        }));

        Assert.All(seen, nice => Assert.Equal(callers, nice));
    }

    private static VisionGate Gate(int workers, int queue) =>
        new(Options.Create(new VisionGateOptions { Workers = workers, QueueLength = queue, RetryAfterSeconds = 5 }), NullLogger<VisionGate>.Instance);

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 5)
        {
            Assert.True(waited < 10_000, "timed out");
            await Task.Delay(5);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
