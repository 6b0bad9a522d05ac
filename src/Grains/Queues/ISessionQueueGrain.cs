namespace Photocollect.Grains.Queues;

/// <summary>
/// The queue of one on-site collection session (场次), key <c>{tenantId}/{sessionId}</c>: the per-session state of the
/// design card. It issues numbers (consecutive, never repeated, however many students scan at once and whichever
/// replica serves them, because calls to one grain run one at a time and each number is written before it is
/// answered), calls them, and knows every student's place. The caller checks who may take a number (a valid ticket,
/// a paid order of the session's campaign); the grain keeps the queue true.
/// </summary>
public interface ISessionQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// A number for the order: its existing one when it has one that still counts (a rescan answers the same number),
    /// a new one at the end otherwise (first scan, or after a miss).
    /// </summary>
    Task<QueuePlace> TakeNumberAsync(Guid orderId, Guid accountId, CancellationToken cancellationToken = default);

    /// <summary>The order's place (number 0 when it has none).</summary>
    Task<QueuePlace> PlaceAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls the next waiting number (叫号). <paramref name="shownCalled"/> is the number the station showed when the
    /// photographer tapped: when another call has happened since (a double tap, a second station), nothing more is
    /// called and the board as it stands is returned.
    /// </summary>
    Task<QueueBoard> CallNextAsync(int shownCalled, CancellationToken cancellationToken = default);

    /// <summary>The called number did not come (过号): it is missed, and with <paramref name="toEnd"/> the student gets a
    /// new number at the end of the line; otherwise the student must scan again.</summary>
    Task<QueueBoard> MissAsync(int number, bool toEnd, CancellationToken cancellationToken = default);

    /// <summary>The number was photographed (its photo uploaded and checked). False when the number is not the called
    /// one nor an earlier called one still open.</summary>
    Task<bool> ShotAsync(int number, CancellationToken cancellationToken = default);

    /// <summary>The board.</summary>
    Task<QueueBoard> BoardAsync(CancellationToken cancellationToken = default);
}
