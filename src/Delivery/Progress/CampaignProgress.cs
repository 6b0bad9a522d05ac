using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>A campaign's progress at one moment: what the school admin's dashboard draws.</summary>
/// <param name="Funnel">The whole campaign.</param>
/// <param name="ByLevel">The funnel per level.</param>
/// <param name="ByCollege">Per college.</param>
/// <param name="ByMajor">Per college and major.</param>
/// <param name="ByClass">Per class (empty when the roster has no classes).</param>
/// <param name="Days">Per China day: verified, paid, approved.</param>
/// <param name="Reasons">Rejections by reason, most first (every rejection counts, also of orders approved later).</param>
/// <param name="Backlog">The review queue against the 48-hour target.</param>
/// <param name="Sessions">On-site sessions: capacity and bookings.</param>
public sealed record CampaignProgress(
    Funnel Funnel,
    IReadOnlyList<GroupRow> ByLevel,
    IReadOnlyList<GroupRow> ByCollege,
    IReadOnlyList<GroupRow> ByMajor,
    IReadOnlyList<GroupRow> ByClass,
    IReadOnlyList<DayRow> Days,
    IReadOnlyList<ReasonRow> Reasons,
    Backlog Backlog,
    IReadOnlyList<SessionLoad> Sessions);
