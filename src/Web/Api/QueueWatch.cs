using System.Collections.Concurrent;
using Photocollect.Grains;
using Photocollect.Grains.Queues;

namespace Photocollect.Web.Api;

/// <summary>
/// One look at a session's queue per replica, shared by every event stream open on it here: while anyone watches, a
/// loop reads the queue grain's board every <see cref="Poll"/> and wakes the streams when its version moves. Five
/// hundred students on one session cost this replica four grain calls a second, not five hundred streams' worth;
/// each stream then asks for its own place only when something changed.
/// </summary>
public sealed class QueueWatch(IGrainFactory grains, ILogger<QueueWatch> logger)
{
    /// <summary>How often a watched queue is read.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<(Guid Tenant, Guid Session), Watcher> watchers = new();

    /// <summary>
    /// The board once the queue's version differs from <paramref name="seen"/> (at once when it already does; null
    /// <paramref name="seen"/> for the current board).
    /// </summary>
    public async Task<QueueBoard> NextAsync(Guid tenantId, Guid sessionId, long? seen, CancellationToken cancellationToken)
    {
        var key = (tenantId, sessionId);
        Watcher watcher;
        while (true)
        {
            watcher = watchers.GetOrAdd(key, k => new Watcher(grains.SessionQueue(k.Tenant, k.Session), w => watchers.TryRemove(new(k, w)), logger));
            if (watcher.Join())
            {
                break;
            }
        }

        try
        {
            return await watcher.NextAsync(seen, cancellationToken);
        }
        finally
        {
            watcher.Leave();
        }
    }

    private sealed class Watcher
    {
        private readonly ISessionQueueGrain queue;
        private readonly Action<Watcher> retire;
        private readonly ILogger logger;
        private readonly Lock gate = new();
        private TaskCompletionSource<QueueBoard> changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private QueueBoard? board;
        private int watching;
        private bool retired;

        public Watcher(ISessionQueueGrain queue, Action<Watcher> retire, ILogger logger)
        {
            this.queue = queue;
            this.retire = retire;
            this.logger = logger;
            _ = Task.Run(LoopAsync);
        }

        // False when the watcher has just retired: the caller makes a new one.
        public bool Join()
        {
            lock (gate)
            {
                if (retired)
                {
                    return false;
                }

                watching++;
                return true;
            }
        }

        public void Leave()
        {
            lock (gate)
            {
                watching--;
            }
        }

        public async Task<QueueBoard> NextAsync(long? seen, CancellationToken cancellationToken)
        {
            Task<QueueBoard> next;
            lock (gate)
            {
                if (board is not null && board.Version != seen)
                {
                    return board;
                }

                next = changed.Task;
            }

            return await next.WaitAsync(cancellationToken);
        }

        private async Task LoopAsync()
        {
            var idle = 0;
            while (true)
            {
                try
                {
                    var current = await queue.BoardAsync();
                    lock (gate)
                    {
                        if (board is null || current.Version != board.Version)
                        {
                            board = current;
                            changed.TrySetResult(current);
                            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                        }
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The silo holding the queue is moving or the database is away: look again next time.
                    logger.LogDebug(e, "Reading a watched queue failed; trying again");
                }

                await Task.Delay(Poll);
                lock (gate)
                {
                    // Nobody has watched for two seconds: stop, and let the next watcher start afresh.
                    idle = watching == 0 ? idle + 1 : 0;
                    if (idle * Poll >= TimeSpan.FromSeconds(2))
                    {
                        retired = true;
                        retire(this);
                        return;
                    }
                }
            }
        }
    }
}
