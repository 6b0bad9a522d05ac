using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>One order waiting in the reviewer's queue.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Name">The student.</param>
/// <param name="StudentNumber">Student number.</param>
/// <param name="Waiting">Since when it waits (UTC).</param>
/// <param name="TimeLeft">Of the 48-hour target; negative when late.</param>
/// <param name="Kind">集采, 零采 or 加洗.</param>
/// <param name="Campaign">What the photo is for: a freshman campaign's order is labelled 新生照片, not 集采
/// (<see cref="OrderLabels.KindKey"/>).</param>
public sealed record QueueItem(Guid OrderId, string Number, string Name, string StudentNumber, DateTimeOffset Waiting, TimeSpan TimeLeft,
    OrderKind Kind = OrderKind.Group, CampaignKind Campaign = CampaignKind.Graduation);
