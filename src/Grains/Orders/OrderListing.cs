namespace Photocollect.Grains.Orders;

/// <summary>One order as a student's order list shows it.</summary>
/// <param name="Id">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Kind">集采, 零采 or 加洗.</param>
/// <param name="KindKey">The resource key of its type as the student sees it (a freshman campaign's order is 新生照片).</param>
/// <param name="Copies">Sets of prints.</param>
/// <param name="Status">Its status.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Name">The name on its record.</param>
/// <param name="PriceFen">Its price in fen.</param>
[GenerateSerializer, Immutable]
public sealed record OrderListing(Guid Id, string Number, OrderKind Kind, string KindKey, int Copies, OrderStatus Status, DateTimeOffset CreatedAt, string Name, long PriceFen);
