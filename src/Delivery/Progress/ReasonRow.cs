using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Progress;

/// <summary>Rejections for one reason.</summary>
public sealed record ReasonRow(string Code, string Title, int Count);
