using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>One day of the trend.</summary>
public sealed record DayRow(DateOnly Day, int Verified, int Paid, int Approved);
