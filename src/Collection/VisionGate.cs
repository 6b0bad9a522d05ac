using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>
/// Runs the CPU-bound vision work of uploads (photo checks, code reading) on a fixed set of its own threads, one per
/// core by default, behind a bounded queue. Request threads only wait, asynchronously: a burst of uploads takes at most
/// <see cref="VisionGateOptions.Workers"/> cores and no thread-pool threads, so pages stay fast. When the queue is
/// full an upload is refused at once with <see cref="VisionBusyException"/> (the caller tells the student to send it
/// again in a moment) instead of waiting without end. The workers run below normal priority
/// (<see cref="VisionGateOptions.Nice"/>); a thread of normal priority completes the callers' tasks, so no thread-pool
/// thread is ever started from a worker (it would inherit the lower priority).
/// </summary>
public sealed class VisionGate : IDisposable
{
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>("photocollect.vision.wait", "ms", "Time a vision work item waited for a worker");
    private static readonly Histogram<double> Worked = Meter.CreateHistogram<double>("photocollect.vision.work", "ms", "Time a worker spent on a vision work item");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("photocollect.vision.refused", description: "Vision work refused because the queue was full");
    private readonly KeyValuePair<string, object?> lane;
    private readonly BlockingCollection<Action> queue;
    private readonly Thread[] workers;
    private readonly BlockingCollection<Action> results = new();
    private readonly Thread handBack;
    private readonly ILogger<VisionGate> logger;
    private readonly int nice;
    private int running;
    private int optional;

    /// <summary>Starts the workers.</summary>
    public VisionGate(IOptions<VisionGateOptions> options, ILogger<VisionGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        if (o.Workers < 1 || o.QueueLength < 1 || o.RetryAfterSeconds < 1 || o.Nice is < 0 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Photocollect:Vision needs Workers, QueueLength and RetryAfterSeconds of at least 1 and Nice from 0 to 19.");
        }

        nice = o.Nice;
        lane = new("lane", o.Lane);
        this.logger = logger;
        RetryAfter = TimeSpan.FromSeconds(o.RetryAfterSeconds);
        QueueLength = o.QueueLength;
        queue = new BlockingCollection<Action>(new ConcurrentQueue<Action>(), o.QueueLength);
        workers = Enumerable.Range(0, o.Workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"vision-{i}" }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        handBack = new Thread(HandBack) { IsBackground = true, Name = "vision-results" };
        handBack.Start();
    }

    /// <summary>Work items that run at once.</summary>
    public int Workers => workers.Length;

    /// <summary>
    /// The gates' meter (read it with <c>dotnet-counters monitor --counters Photocollect.Vision</c>): how long work waited
    /// for a worker and ran, per lane, and how much was refused.
    /// </summary>
    public const string MeterName = "Photocollect.Vision";

    /// <summary>The service key of the gate that reads collection codes (QR pictures), beside the photos' gate.</summary>
    public const string CodeLane = "codes";

    /// <summary>Work items that may wait.</summary>
    public int QueueLength { get; }

    /// <summary>What a refused caller is told to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>Work items running now.</summary>
    public int Running => Volatile.Read(ref running);

    /// <summary>Work items waiting now.</summary>
    public int Waiting => queue.Count;

    /// <summary>
    /// Runs <paramref name="work"/> on a vision thread and waits for it; throws <see cref="VisionBusyException"/> at once
    /// when the queue is full. A caller that gives up (cancellation) stops waiting, and work not yet started is dropped.
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = Stopwatch.GetTimestamp();

        // The worker hands the outcome to the results thread, which completes the task: its continuations are queued to
        // the thread pool from there. Queued from a worker, the pool could start a new thread from it, and a Linux thread
        // keeps its creator's nice value: request threads would end up below normal priority too.
        void Job()
        {
            var started = Stopwatch.GetTimestamp();
            Waited.Record(Stopwatch.GetElapsedTime(queued, started).TotalMilliseconds, lane);
            Action complete;
            if (cancellationToken.IsCancellationRequested)
            {
                complete = () => done.TrySetCanceled(cancellationToken);
            }
            else
            {
                try
                {
                    var result = work();
                    complete = () => done.TrySetResult(result);
                }
                catch (Exception e)
                {
                    complete = () => done.TrySetException(e);
                }
            }

            Worked.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, lane);
            results.Add(complete, CancellationToken.None);
        }

        if (!queue.TryAdd(Job))
        {
            Refused.Add(1, lane);
            logger.LogWarning("Vision queue full ({Running} running, {Waiting} waiting): work refused, retry after {RetryAfter}", Running, Waiting, RetryAfter);
            throw new VisionBusyException(RetryAfter);
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Optional work items (live preview frames) that may run at once: half the workers, at least one.</summary>
    public int OptionalSlots => Math.Max(1, workers.Length / 2);

    /// <summary>
    /// Runs small work that can be skipped (a live preview frame) only when a worker is idle now, nothing waits and
    /// fewer than <see cref="OptionalSlots"/> such items run; otherwise throws <see cref="VisionBusyException"/> at once,
    /// without logging. So optional work never queues, never delays an upload by more than its own few milliseconds,
    /// and never holds more than half the cores.
    /// </summary>
    public async Task<T> RunOptionalAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            if (Interlocked.Increment(ref optional) > OptionalSlots || queue.Count > 0 || Running >= Workers)
            {
                throw new VisionBusyException(RetryAfter);
            }

            return await RunAsync(work, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref optional);
        }
    }

    /// <summary>Lets the workers finish what was queued and stop.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        // A worker still busy after this long is left to finish on its own (its thread is a background thread); the
        // queue it reads from stays undisposed for it.
        if (workers.All(w => w.Join(TimeSpan.FromSeconds(30))))
        {
            queue.Dispose();
            results.CompleteAdding();
            if (handBack.Join(TimeSpan.FromSeconds(30)))
            {
                results.Dispose();
            }
        }
    }

    // Completes the tasks of finished work, at the priority of the thread that made the gate (normal).
    private void HandBack()
    {
        foreach (var complete in results.GetConsumingEnumerable())
        {
            complete();
        }
    }

    private void Work()
    {
        if (nice > 0 && !WorkerPriority.Lower(nice))
        {
            logger.LogWarning("Vision worker {Thread} runs at normal priority: its nice value could not be set to {Nice}", Thread.CurrentThread.Name, nice);
        }

        foreach (var job in queue.GetConsumingEnumerable())
        {
            Interlocked.Increment(ref running);
            try
            {
                job();
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }
}
