using Orleans.Runtime;
using Photocollect.Grains.Storage;

namespace Photocollect.Grains.Queues;

/// <summary>The queue of one collection session (see <see cref="ISessionQueueGrain"/>).</summary>
/// <param name="storage">Its persisted state, read when the grain activates.</param>
/// <param name="clock">The clock.</param>
public sealed class SessionQueueGrain(
    [PersistentState(GrainStorageNames.Queue, GrainStorageNames.Provider)] IPersistentState<QueueState> storage,
    TimeProvider clock) : Grain, ISessionQueueGrain
{
    /// <summary>How many of the latest calls the pace is measured over.</summary>
    public const int PaceOver = 10;

    private const int Attempts = 5;

    private QueueState Current => storage.RecordExists && storage.State is { } state ? state : new QueueState();

    /// <inheritdoc />
    public async Task<QueuePlace> TakeNumberAsync(Guid orderId, Guid accountId, CancellationToken cancellationToken = default)
    {
        var state = await ChangeAsync(
            state => Latest(state, orderId) is { Status: not QueueEntryStatus.Missed }
                ? null
                : Append(state, orderId, accountId),
            cancellationToken);
        return Place(state, orderId);
    }

    /// <inheritdoc />
    public Task<QueuePlace> PlaceAsync(Guid orderId, CancellationToken cancellationToken = default) => Task.FromResult(Place(Current, orderId));

    /// <inheritdoc />
    public async Task<QueueBoard> CallNextAsync(int shownCalled, CancellationToken cancellationToken = default) =>
        Board(await ChangeAsync(
            state =>
            {
                if (state.Called != shownCalled || state.Entries.FirstOrDefault(e => e.Status == QueueEntryStatus.Waiting) is not { } next)
                {
                    return null;
                }

                return With(state, next with { Status = QueueEntryStatus.Called, CalledAt = clock.GetUtcNow() }) with { Called = next.Number };
            },
            cancellationToken));

    /// <inheritdoc />
    public async Task<QueueBoard> MissAsync(int number, bool toEnd, CancellationToken cancellationToken = default) =>
        Board(await ChangeAsync(
            state =>
            {
                if (Entry(state, number) is not { Status: QueueEntryStatus.Called } called)
                {
                    return null;
                }

                var missed = With(state, called with { Status = QueueEntryStatus.Missed });
                return toEnd ? Append(missed, called.OrderId, called.AccountId) : missed;
            },
            cancellationToken));

    /// <inheritdoc />
    public async Task<bool> ShotAsync(int number, CancellationToken cancellationToken = default)
    {
        var state = await ChangeAsync(
            state => Entry(state, number) is { Status: QueueEntryStatus.Called } called ? With(state, called with { Status = QueueEntryStatus.Shot }) : null,
            cancellationToken);
        return Entry(state, number)?.Status == QueueEntryStatus.Shot;
    }

    /// <inheritdoc />
    public Task<QueueBoard> BoardAsync(CancellationToken cancellationToken = default) => Task.FromResult(Board(Current));

    private static QueueEntry? Entry(QueueState state, int number) =>
        number >= 1 && number <= state.Entries.Count ? state.Entries[number - 1] : null;

    private static QueueEntry? Latest(QueueState state, Guid orderId) => state.Entries.LastOrDefault(e => e.OrderId == orderId);

    private static QueueState With(QueueState state, QueueEntry changed) =>
        state with { Entries = [.. state.Entries.Select(e => e.Number == changed.Number ? changed : e)] };

    private QueueState Append(QueueState state, Guid orderId, Guid accountId) => state with
    {
        Entries = [.. state.Entries, new QueueEntry
        {
            Number = state.Entries.Count + 1,
            OrderId = orderId,
            AccountId = accountId,
            Status = QueueEntryStatus.Waiting,
            IssuedAt = clock.GetUtcNow(),
        }],
    };

    private static QueuePlace Place(QueueState state, Guid orderId)
    {
        if (Latest(state, orderId) is not { } entry)
        {
            return new(0, QueueEntryStatus.Missed, state.Called, 0, null, state.Version);
        }

        var ahead = entry.Status == QueueEntryStatus.Waiting
            ? state.Entries.Count(e => e.Status == QueueEntryStatus.Waiting && e.Number < entry.Number)
            : 0;
        return new(entry.Number, entry.Status, state.Called, ahead, Pace(state) * ahead, state.Version);
    }

    private static QueueBoard Board(QueueState state)
    {
        var waiting = state.Entries.Where(e => e.Status == QueueEntryStatus.Waiting).ToList();
        return new(
            state.Called,
            Entry(state, state.Called) is { Status: QueueEntryStatus.Called } called ? called.OrderId : null,
            [.. waiting.Take(10).Select(e => e.Number)],
            waiting.Count,
            state.Entries.Count,
            state.Entries.Count(e => e.Status == QueueEntryStatus.Shot),
            Pace(state),
            state.Version,
            [.. state.Entries.Where(e => e.Status == QueueEntryStatus.Called)]);
    }

    // The average gap between the latest calls.
    private static TimeSpan? Pace(QueueState state)
    {
        var calls = state.Entries.Where(e => e.CalledAt is not null).Select(e => e.CalledAt!.Value).Order().TakeLast(PaceOver + 1).ToList();
        return calls.Count < 2 ? null : (calls[^1] - calls[0]) / (calls.Count - 1);
    }

    // change returns the next state, or null for "nothing to write"; each write moves the version.
    private Task<QueueState> ChangeAsync(Func<QueueState, QueueState?> change, CancellationToken cancellationToken) =>
        storage.ChangeAsync(() => Current, state => change(state) is { } next ? next with { Version = state.Version + 1 } : null, DeactivateOnIdle, Attempts, cancellationToken);
}
