namespace Photocollect.Grains.Queues;

/// <summary>A student's place in a session's queue.</summary>
/// <param name="Number">The student's number, or 0 when the student has none (or must scan again).</param>
/// <param name="Status">Where the number stands.</param>
/// <param name="Called">The number being called (0: none yet).</param>
/// <param name="Ahead">Numbers still waiting before the student's.</param>
/// <param name="EstimatedWait">The wait at the measured pace, or null before there is a pace.</param>
/// <param name="Version">The queue's version (see <see cref="QueueState.Version"/>).</param>
[GenerateSerializer, Immutable]
public sealed record QueuePlace(
    [property: Id(0)] int Number,
    [property: Id(1)] QueueEntryStatus Status,
    [property: Id(2)] int Called,
    [property: Id(3)] int Ahead,
    [property: Id(4)] TimeSpan? EstimatedWait,
    [property: Id(5)] long Version);
