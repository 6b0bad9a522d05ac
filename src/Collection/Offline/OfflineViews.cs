using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>A session with its slots and how full each is.</summary>
/// <param name="Session">The session.</param>
/// <param name="Slots">Its slots, in time order.</param>
public sealed record SessionView(CollectionSession Session, IReadOnlyList<SlotView> Slots);

/// <summary>A slot and its bookings.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Booked">Bookings so far.</param>
public sealed record SlotView(SessionSlot Slot, int Booked)
{
    /// <summary>Places left.</summary>
    public int Remaining => Math.Max(0, Slot.Capacity - Booked);
}

/// <summary>A student's booking with its slot and session.</summary>
/// <param name="Booking">The booking.</param>
/// <param name="Slot">Its slot.</param>
/// <param name="Session">Its session.</param>
public sealed record BookingView(SlotBooking Booking, SessionSlot Slot, CollectionSession Session);

/// <summary>Where a student stands in the offline flow of a campaign.</summary>
/// <param name="Record">The verified collection record, or null.</param>
/// <param name="Order">The campaign's order, or null.</param>
/// <param name="Booking">The booking, or null.</param>
/// <param name="QueueSession">The session whose queue the student took a number in, or null.</param>
/// <param name="Place">The student's place in that queue, or null.</param>
public sealed record OfflineState(StudentRecord? Record, Order? Order, BookingView? Booking, CollectionSession? QueueSession, QueuePlace? Place);

/// <summary>The outcome of an offline step: the value, or a problem code saying why not.</summary>
/// <typeparam name="T">The value.</typeparam>
/// <param name="Value">The value when it worked.</param>
/// <param name="Problem">Why not (a snake-case code the pages and the API word).</param>
public sealed record OfflineResult<T>(T? Value, string? Problem);
