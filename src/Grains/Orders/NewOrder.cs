namespace Photocollect.Grains.Orders;

/// <summary>What a new order is made of.</summary>
/// <param name="Number">Its order number.</param>
/// <param name="AccountId">The student's account.</param>
/// <param name="StudentId">The student's collection record.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="Kind">集采 or 零采.</param>
/// <param name="PriceFen">The campaign's price now, frozen on the order.</param>
/// <param name="PhotoId">The photo submitted with it, if any.</param>
/// <param name="PayWithin">How long it may stay unpaid.</param>
/// <param name="Copies">Sets of prints (reprints).</param>
[GenerateSerializer, Immutable]
public sealed record NewOrder(string Number, Guid AccountId, Guid StudentId, Guid CampaignId, OrderKind Kind, long PriceFen, Guid? PhotoId, TimeSpan PayWithin, int Copies = 1);
