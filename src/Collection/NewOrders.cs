using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>
/// Creates an order under a new number. Numbers are unique within a process by construction, and across instances by
/// the database's index: when another instance issued the same number in the same millisecond, the next one is taken.
/// </summary>
public static class NewOrders
{
    private const int Attempts = 3;

    /// <summary>Creates the order <paramref name="grain"/> holds with <paramref name="order"/> made for a fresh number.</summary>
    public static async Task<OrderResult> CreateAsync(IOrderGrain grain, OrderNumbers numbers, string schoolCode, Func<string, NewOrder> order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(order);
        for (var attempt = 1; ; attempt++)
        {
            var result = await grain.CreateAsync(order(numbers.Next(schoolCode)), cancellationToken);
            if (result.Refusal != "number" || attempt == Attempts)
            {
                return result;
            }
        }
    }
}
