using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>The funnel of one group (a level, a college, a major, a class).</summary>
public sealed record GroupRow(string Group, Funnel Funnel);
