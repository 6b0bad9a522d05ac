namespace Photocollect.Grains.Orders;

/// <summary>
/// A student's order list at one school (key <c>{tenantId}/{accountId:N}</c>), held in the silo's memory so that the
/// most visited page after paying does not ask the database each time (decision 017), and beside it the views of the
/// student's order and account pages (decision 018). It is kept current by those who change what they show: every
/// order grain after each write, and the code that changes a record, a refund, a photo or its files. It holds nothing
/// the database does not, is never written anywhere, and is read again after <see cref="StudentOrdersGrain.MaxAge"/>.
/// </summary>
public interface IStudentOrdersGrain : IGrainWithStringKey
{
    /// <summary>The held list, or none, with the version a list read now must be kept with.</summary>
    Task<HeldOrderList> GetAsync();

    /// <summary>Holds <paramref name="orders"/> read from the database after <see cref="GetAsync"/> answered
    /// <paramref name="version"/>; refused (false) when anything changed since.</summary>
    Task<bool> KeepAsync(long version, IReadOnlyList<OrderListing> orders, bool complete);

    /// <summary>
    /// A page's view of the same data held under <paramref name="key"/> (JSON; e.g. one order's page), or none, with the
    /// version a view read now must be kept with. Views are dropped with the list, by the same writers.
    /// </summary>
    Task<HeldView> ViewAsync(string key);

    /// <summary>Holds a view read from the database after <see cref="ViewAsync"/> answered <paramref name="version"/>;
    /// refused (false) when anything changed since.</summary>
    Task<bool> KeepViewAsync(long version, string key, string json);

    /// <summary>Something the list or a view shows changed (committed): drop the list and every view.</summary>
    Task ForgetAsync();
}
