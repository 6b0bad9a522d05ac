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

/// <summary>
/// How far the students of a campaign (or of one group) got. The first seven are stages reached (each holds the next):
/// verified ⊇ photo passed, and paid ⊇ submitted for review ⊇ approved ⊇ produced ⊇ delivered. The last three are
/// where students stand now: rejected and waiting for a new photo, refunded, closed unpaid.
/// </summary>
public sealed record Funnel(int Verified, int PhotoPassed, int Paid, int InReview, int Approved, int Produced, int Delivered,
    int Rejected, int Refunded, int Closed)
{
    /// <summary>Counts the students given (each group by its <see cref="StudentFacts.Count"/>).</summary>
    public static Funnel Of(IReadOnlyCollection<StudentFacts> students)
    {
        ArgumentNullException.ThrowIfNull(students);
        int Count(Func<StudentFacts, bool> where) => students.Where(where).Sum(s => s.Count);
        return new(
            Count(_ => true),
            Count(s => s.PhotoPassed),
            Count(s => s.Live is { } l && l != OrderStatus.PendingPayment),
            Count(s => s.Live is OrderStatus.PendingReview or OrderStatus.Rejected or OrderStatus.PendingProduction or OrderStatus.InProduction or OrderStatus.Completed),
            Count(s => s.Live is OrderStatus.PendingProduction or OrderStatus.InProduction or OrderStatus.Completed),
            Count(s => s.Live is OrderStatus.Completed),
            Count(s => s.Live is OrderStatus.Completed && s.Delivered),
            Count(s => s.Live is OrderStatus.Rejected),
            Count(s => s.Live is null && s.Refunded),
            Count(s => s.Live is null && !s.Refunded && s.Closed));
    }
}

/// <summary>Students alike in what the dashboard counts, and how many they are.</summary>
/// <param name="Level">Level.</param>
/// <param name="College">College.</param>
/// <param name="Major">Major.</param>
/// <param name="ClassName">Class from the roster, or empty.</param>
/// <param name="PhotoPassed">A photo passed the automatic check.</param>
/// <param name="Live">The status of the order that is not closed or refunded (at most one), or null.</param>
/// <param name="Delivered">That order's photo is in a downloaded delivery.</param>
/// <param name="Refunded">An order was refunded.</param>
/// <param name="Closed">An order was closed unpaid.</param>
/// <param name="Count">How many students these are.</param>
public sealed record StudentFacts(string Level, string College, string Major, string ClassName, bool PhotoPassed, OrderStatus? Live,
    bool Delivered, bool Refunded, bool Closed, int Count = 1);

/// <summary>The funnel of one group (a level, a college, a major, a class).</summary>
public sealed record GroupRow(string Group, Funnel Funnel);

/// <summary>One day of the trend.</summary>
public sealed record DayRow(DateOnly Day, int Verified, int Paid, int Approved);

/// <summary>Rejections for one reason.</summary>
public sealed record ReasonRow(string Code, string Title, int Count);

/// <summary>The review queue now: waiting under 24 h, 24–48 h, over 48 h (the target), and the oldest.</summary>
public sealed record Backlog(int Under24Hours, int Under48Hours, int Over48Hours, DateTimeOffset? OldestSince);

/// <summary>An on-site session's load.</summary>
public sealed record SessionLoad(Guid Id, string Place, DateOnly Day, int Capacity, int Booked);
