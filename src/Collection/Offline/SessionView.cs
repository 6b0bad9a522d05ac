using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>A session with its slots and how full each is.</summary>
/// <param name="Session">The session.</param>
/// <param name="Slots">Its slots, in time order.</param>
public sealed record SessionView(CollectionSession Session, IReadOnlyList<SlotView> Slots);
