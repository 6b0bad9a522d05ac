using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>A completed photo the student may order reprints of.</summary>
/// <param name="OrderId">The completed collection order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="PhotoId">The approved photo.</param>
/// <param name="PriceFen">Price of one set of prints, fen.</param>
/// <param name="RecordId">The student's collection record.</param>
/// <param name="CampaignId">The campaign.</param>
/// <param name="PayWithinMinutes">How long a reprint order may stay unpaid.</param>
/// <param name="CampaignKind">Graduation or freshman: what the photo is (<see cref="OrderLabels.KindKey"/>).</param>
public sealed record ReprintOption(Guid OrderId, string Number, string Campaign, Guid PhotoId, long PriceFen, Guid RecordId, Guid CampaignId, int PayWithinMinutes,
    CampaignKind CampaignKind = CampaignKind.Graduation)
{
    /// <summary>The resource key of the completed order's type as the student sees it (集采 or 新生照片).</summary>
    public string KindKey => OrderLabels.KindKey(OrderKind.Group, CampaignKind);
}
