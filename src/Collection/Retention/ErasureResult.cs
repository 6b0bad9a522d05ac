namespace Photocollect.Collection.Retention;

/// <summary>What a student's erasure did: refused because of orders in progress (listed), or done (with what it removed).</summary>
/// <param name="OrdersInProgress">Orders that stop it; empty when it was done.</param>
/// <param name="Removed">What was removed, or null when refused.</param>
public sealed record ErasureResult(IReadOnlyList<HeldOrder> OrdersInProgress, RetentionCounts? Removed)
{
    /// <summary>True when the data and the account were erased.</summary>
    public bool Erased => Removed is not null;
}
