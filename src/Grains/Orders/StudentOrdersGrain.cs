using Microsoft.Extensions.Logging;

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

    /// <summary>Most views held at once; keeping one more drops the others.</summary>
    public const int MaxViews = 16;

    private readonly Dictionary<string, (string Json, DateTimeOffset KeptAt)> views = new(StringComparer.Ordinal);

    // A new activation starts anywhere, so a version handed out by an earlier one is never taken for its own.
    private long version = Random.Shared.NextInt64();
    private IReadOnlyList<OrderListing>? orders;
    private bool complete;
    private DateTimeOffset keptAt;

    /// <summary>
    /// Tells these students' lists and views that something they show changed; call it after the change commits. It
    /// never fails the change: one not reached within <see cref="ForgetWithin"/> is logged and read again within
    /// <see cref="MaxAge"/>.
    /// </summary>
    public static async Task ForgetAsync(IGrainFactory grains, Guid tenantId, IEnumerable<Guid> accountIds, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(accountIds);
        foreach (var batch in accountIds.Distinct().Chunk(64))
        {
            try
            {
                await Task.WhenAll(batch.Select(account => grains.StudentOrders(tenantId, account).ForgetAsync())).WaitAsync(ForgetWithin);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Count} order lists were not told of a change; they are read again within {MaxAge}.", batch.Length, MaxAge);
            }
        }
    }

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
    public Task<HeldView> ViewAsync(string key)
    {
        if (views.TryGetValue(key, out var view) && clock.GetUtcNow() - view.KeptAt < MaxAge)
        {
            return Task.FromResult(new HeldView(version, view.Json));
        }

        views.Remove(key);
        return Task.FromResult(new HeldView(version, null));
    }

    /// <inheritdoc />
    public Task<bool> KeepViewAsync(long version, string key, string json)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(json);
        if (version != this.version)
        {
            return Task.FromResult(false);
        }

        if (views.Count >= MaxViews && !views.ContainsKey(key))
        {
            views.Clear();
        }

        views[key] = (json, clock.GetUtcNow());
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
        views.Clear();
    }
}
