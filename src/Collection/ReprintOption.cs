using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

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
public sealed record ReprintOption(Guid OrderId, string Number, string Campaign, Guid PhotoId, long PriceFen, Guid RecordId, Guid CampaignId, int PayWithinMinutes);
