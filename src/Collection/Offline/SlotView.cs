using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>A slot and its bookings.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Booked">Bookings so far.</param>
public sealed record SlotView(SessionSlot Slot, int Booked)
{
    /// <summary>Places left.</summary>
    public int Remaining => Math.Max(0, Slot.Capacity - Booked);
}
