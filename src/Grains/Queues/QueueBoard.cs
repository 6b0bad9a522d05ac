namespace Photocollect.Grains.Queues;

/// <summary>The queue as the station and the on-site screen show it.</summary>
/// <param name="Called">The number being called (0: none yet).</param>
/// <param name="CalledOrderId">The order of the called number, for the photographer's upload.</param>
/// <param name="Next">The next waiting numbers, in calling order (at most ten).</param>
/// <param name="Waiting">How many numbers wait.</param>
/// <param name="Issued">Numbers issued so far.</param>
/// <param name="Shot">Numbers photographed so far.</param>
/// <param name="Pace">Average time between calls over the last ones, or null before two calls.</param>
/// <param name="Version">The queue's version.</param>
/// <param name="Open">Called numbers not yet photographed nor missed, in number order: the photographer may upload
/// their photos (several at once, in this order).</param>
[GenerateSerializer, Immutable]
public sealed record QueueBoard(
    [property: Id(0)] int Called,
    [property: Id(1)] Guid? CalledOrderId,
    [property: Id(2)] IReadOnlyList<int> Next,
    [property: Id(3)] int Waiting,
    [property: Id(4)] int Issued,
    [property: Id(5)] int Shot,
    [property: Id(6)] TimeSpan? Pace,
    [property: Id(7)] long Version,
    [property: Id(8)] IReadOnlyList<QueueEntry> Open);
