using Photocollect.Grains.Orders;

namespace Photocollect.Collection.Retention;

/// <summary>An order as the student's own data lists it.</summary>
/// <param name="Id">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Kind">集采, 零采 or 加洗.</param>
/// <param name="Status">Its status.</param>
/// <param name="PriceFen">Its price, fen.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
public sealed record HeldOrder(Guid Id, string Number, OrderKind Kind, OrderStatus Status, long PriceFen, DateTimeOffset CreatedAt);
