using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>An order as the reviewer sees it in the queue and on its page.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Name">The student.</param>
/// <param name="Gender">The student's gender as the record has it; empty for freshmen (the roster has none).</param>
/// <param name="StudentNumber">Student number.</param>
/// <param name="Kind">Graduation or freshman photo (the campaign's kind).</param>
/// <param name="Waiting">Since when it is in its status (UTC).</param>
/// <param name="TimeLeft">Of the 48-hour target; negative when late.</param>
/// <param name="PhotoId">The photo under review, or null.</param>
/// <param name="Score">The admission-photo comparison's score, or null when not compared.</param>
/// <param name="SamePerson">The comparison's verdict, or null.</param>
/// <param name="Threshold">The campaign's comparison threshold, or null when the campaign does not compare.</param>
/// <param name="HasAdmissionPhoto">The student has an admission photo on file.</param>
/// <param name="Verdict">What the machine found.</param>
public sealed record ReviewItem(
    Guid OrderId,
    string Number,
    OrderStatus Status,
    string Name,
    string Gender,
    string StudentNumber,
    CampaignKind Kind,
    DateTimeOffset Waiting,
    TimeSpan TimeLeft,
    Guid? PhotoId,
    double? Score,
    bool? SamePerson,
    double? Threshold,
    bool HasAdmissionPhoto,
    AutomaticVerdict Verdict)
{
    /// <summary>Waiting for review, and everything the machine checked passed: it may be approved in a batch.</summary>
    public bool BatchEligible => Status == OrderStatus.PendingReview && Verdict == AutomaticVerdict.AllPassed;
}
