using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;

namespace Photocollect.Collection;

/// <summary>One order waiting in the reviewer's queue.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Name">The student.</param>
/// <param name="StudentNumber">Student number.</param>
/// <param name="Waiting">Since when it waits (UTC).</param>
/// <param name="TimeLeft">Of the 48-hour target; negative when late.</param>
public sealed record QueueItem(Guid OrderId, string Number, string Name, string StudentNumber, DateTimeOffset Waiting, TimeSpan TimeLeft);
