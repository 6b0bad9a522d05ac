using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>An on-site session's load.</summary>
public sealed record SessionLoad(Guid Id, string Place, DateOnly Day, int Capacity, int Booked);
