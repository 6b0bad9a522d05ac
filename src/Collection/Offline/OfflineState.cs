using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>Where a student stands in the offline flow of a campaign.</summary>
/// <param name="Record">The verified collection record, or null.</param>
/// <param name="Order">The campaign's order, or null.</param>
/// <param name="Booking">The booking, or null.</param>
/// <param name="QueueSession">The session whose queue the student took a number in, or null.</param>
/// <param name="Place">The student's place in that queue, or null.</param>
public sealed record OfflineState(StudentRecord? Record, Order? Order, BookingView? Booking, CollectionSession? QueueSession, QueuePlace? Place);
