using Photocollect.Data;

namespace Photocollect.Collection.Offline;

/// <summary>A student as the on-site desk finds them: the record, the order, the booking and the corrections so far.</summary>
/// <param name="Record">The verified record.</param>
/// <param name="Order">The campaign's order, or null.</param>
/// <param name="Booking">The booking, or null.</param>
/// <param name="Corrections">Corrections made to the record, newest first.</param>
public sealed record DeskStudent(StudentRecord Record, Order? Order, BookingView? Booking, IReadOnlyList<RecordCorrection> Corrections);
