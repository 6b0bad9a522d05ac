using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>The review queue now: waiting under 24 h, 24–48 h, over 48 h (the target), and the oldest.</summary>
public sealed record Backlog(int Under24Hours, int Under48Hours, int Over48Hours, DateTimeOffset? OldestSince);
