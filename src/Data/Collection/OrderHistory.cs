using System.Text.Json;
using Photocollect.Grains.Orders;

namespace Photocollect.Data;

/// <summary>Reads an <see cref="Order"/> row's history (JSON, as the order grain's storage writes it) for pages that
/// show it without asking the grain.</summary>
public static class OrderHistory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every transition, oldest first.</summary>
    public static IReadOnlyList<OrderChange> Read(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return JsonSerializer.Deserialize<List<OrderChange>>(order.History, Json) ?? [];
    }

    /// <summary>The reviewer's note to the student with the latest rejection, or null.</summary>
    public static string? RejectNote(Order order) => Read(order).LastOrDefault(h => h.Event == OrderEvent.Reject)?.Remark;
}
