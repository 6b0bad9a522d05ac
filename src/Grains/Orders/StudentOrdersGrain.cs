namespace Photocollect.Grains.Orders;

/// <summary>The student's order list (see <see cref="IStudentOrdersGrain"/>).</summary>
/// <param name="clock">The clock.</param>
public sealed class StudentOrdersGrain(TimeProvider clock) : Grain, IStudentOrdersGrain
{
    /// <summary>How long a list read from the database is held at most: a net under the callers that keep it current,
    /// should one of them fail to reach it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>How long a writer waits for the list to be dropped before it goes on without (and says so in the log).</summary>
    public static readonly TimeSpan ForgetWithin = TimeSpan.FromSeconds(2);

    // A new activation starts anywhere, so a version handed out by an earlier one is never taken for its own.
    private long version = Random.Shared.NextInt64();
    private IReadOnlyList<OrderListing>? orders;
    private bool complete;
    private DateTimeOffset keptAt;

    /// <inheritdoc />
    public Task<HeldOrderList> GetAsync()
    {
        if (orders is not null && clock.GetUtcNow() - keptAt >= MaxAge)
        {
            Drop();
        }

        return Task.FromResult(new HeldOrderList(version, orders, complete));
    }

    /// <inheritdoc />
    public Task<bool> KeepAsync(long version, IReadOnlyList<OrderListing> orders, bool complete)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (version != this.version)
        {
            return Task.FromResult(false);
        }

        this.orders = orders;
        this.complete = complete;
        keptAt = clock.GetUtcNow();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task ForgetAsync()
    {
        Drop();
        return Task.CompletedTask;
    }

    private void Drop()
    {
        version++;
        orders = null;
        complete = false;
    }
}
