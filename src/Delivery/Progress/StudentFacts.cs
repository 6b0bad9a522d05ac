using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>Students alike in what the dashboard counts, and how many they are.</summary>
/// <param name="Level">Level.</param>
/// <param name="College">College.</param>
/// <param name="Major">Major.</param>
/// <param name="ClassName">Class from the roster, or empty.</param>
/// <param name="PhotoPassed">A photo passed the automatic check.</param>
/// <param name="Live">The status of the order that is not closed or refunded (at most one), or null.</param>
/// <param name="Delivered">That order's photo is in a downloaded delivery.</param>
/// <param name="Refunded">An order was refunded.</param>
/// <param name="Closed">An order was closed unpaid.</param>
/// <param name="Count">How many students these are.</param>
public sealed record StudentFacts(string Level, string College, string Major, string ClassName, bool PhotoPassed, OrderStatus? Live,
    bool Delivered, bool Refunded, bool Closed, int Count = 1);
