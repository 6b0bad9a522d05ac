using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>A student's booking with its slot and session.</summary>
/// <param name="Booking">The booking.</param>
/// <param name="Slot">Its slot.</param>
/// <param name="Session">Its session.</param>
public sealed record BookingView(SlotBooking Booking, SessionSlot Slot, CollectionSession Session);
