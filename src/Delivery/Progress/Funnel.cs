using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

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
