namespace Photocollect.Collection;

/// <summary>The reviewer's day at a glance: the queue now and today's decisions (the day in China time).</summary>
/// <param name="Waiting">Orders waiting for review.</param>
/// <param name="Late">Of those, waiting longer than the 48-hour target.</param>
/// <param name="OldestSince">Since when the oldest has waited (UTC), or null.</param>
/// <param name="OldestLeft">The oldest's time left of the 48-hour target (negative when late), or null.</param>
/// <param name="MineApproved">Approved today by this reviewer.</param>
/// <param name="MineRejected">Rejected today by this reviewer.</param>
/// <param name="SchoolApproved">Approved today by anyone at the school.</param>
/// <param name="SchoolRejected">Rejected today by anyone at the school.</param>
public sealed record ReviewDay(int Waiting, int Late, DateTimeOffset? OldestSince, TimeSpan? OldestLeft, int MineApproved, int MineRejected, int SchoolApproved, int SchoolRejected);
