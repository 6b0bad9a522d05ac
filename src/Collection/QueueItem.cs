using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains;

namespace Photocollect.Collection;

/// <summary>One order in a production list (待制作, 制作中).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Name">The student.</param>
/// <param name="StudentNumber">Student number.</param>
/// <param name="Waiting">Since when it waits (UTC).</param>
/// <param name="TimeLeft">Unused by the lists (zero); the review queue has its own (<see cref="ReviewItem"/>).</param>
/// <param name="Kind">Graduation or freshman photo (the campaign's kind).</param>
public sealed record QueueItem(Guid OrderId, string Number, string Name, string StudentNumber, DateTimeOffset Waiting, TimeSpan TimeLeft, CampaignKind Kind = CampaignKind.Graduation);
