using Photocollect.Grains.Orders;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Orders;

/// <summary>A student's order list (and the views held beside it) in the silo: kept only with the version it was read
/// under, dropped by every order grain write of the student's orders, and read again after its age limit.</summary>
[Collection(ClusterTests.Name)]
public sealed class StudentOrdersGrainShould
{
    private static readonly Guid Tenant = Guid.Parse("6f1c2f55-0000-4000-8000-000000000002");
    private readonly ClusterFixture cluster;

    public StudentOrdersGrainShould(ClusterFixture cluster)
    {
        this.cluster = cluster;
        cluster.Clock.Now = ClusterFixture.Start;
    }

    [Fact]
    public async Task HoldAListKeptWithTheVersionItHandedOut()
    {
        var list = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());
        var empty = await list.GetAsync();

        Assert.Null(empty.Orders);
        Assert.True(await list.KeepAsync(empty.Version, [Listing(OrderStatus.Paid)], complete: true));
        var held = await list.GetAsync();
        Assert.Equal([OrderStatus.Paid], held.Orders!.Select(o => o.Status));
        Assert.True(held.Complete);
    }

    [Fact]
    public async Task RefuseAListReadBeforeAChange()
    {
        var list = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());
        var before = await list.GetAsync();

        await list.ForgetAsync();  // the change committed while the page was reading the old rows

        Assert.False(await list.KeepAsync(before.Version, [Listing(OrderStatus.PendingPayment)], complete: true));
        Assert.Null((await list.GetAsync()).Orders);
    }

    [Fact]
    public async Task HoldViewsByKeyAndDropThemWithTheListOrAfterTheirAgeLimit()
    {
        var list = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());
        var empty = await list.ViewAsync("order:1");
        Assert.Null(empty.Json);
        Assert.True(await list.KeepViewAsync(empty.Version, "order:1", "{\"n\":1}"));
        Assert.Equal("{\"n\":1}", (await list.ViewAsync("order:1")).Json);
        Assert.Null((await list.ViewAsync("order:2")).Json);

        // A view read before a change is refused; the change dropped the view held.
        var before = await list.ViewAsync("order:2");
        await list.ForgetAsync();
        Assert.False(await list.KeepViewAsync(before.Version, "order:2", "{}"));
        Assert.Null((await list.ViewAsync("order:1")).Json);

        // Kept again, then read again once older than the list's age limit.
        Assert.True(await list.KeepViewAsync((await list.ViewAsync("order:1")).Version, "order:1", "{\"n\":2}"));
        cluster.Clock.Now += StudentOrdersGrain.MaxAge;
        Assert.Null((await list.ViewAsync("order:1")).Json);
    }

    [Fact]
    public async Task ReadAgainAfterItsAgeLimit()
    {
        var list = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());
        Assert.True(await list.KeepAsync((await list.GetAsync()).Version, [Listing(OrderStatus.Paid)], complete: true));

        cluster.Clock.Now += StudentOrdersGrain.MaxAge - TimeSpan.FromSeconds(1);
        Assert.NotNull((await list.GetAsync()).Orders);
        cluster.Clock.Now += TimeSpan.FromSeconds(1);
        Assert.Null((await list.GetAsync()).Orders);
    }

    [Fact]
    public async Task BeDroppedWhenTheStudentsOrderIsMadeOrPaidButNotWhenRefused()
    {
        var account = Guid.NewGuid();
        var list = cluster.Grains.StudentOrders(Tenant, account);
        var order = cluster.Grains.Order(Tenant, Guid.NewGuid());
        var other = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());
        await HoldAsync(list);
        await HoldAsync(other);

        await order.CreateAsync(new NewOrder("000015-20260302090000000", account, Guid.NewGuid(), Guid.NewGuid(), OrderKind.Group, 3000, Guid.NewGuid(), TimeSpan.FromMinutes(30)));
        Assert.Null((await list.GetAsync()).Orders);

        await HoldAsync(list);
        await order.PayAsync("p-1", 3000, "CNY");
        Assert.Null((await list.GetAsync()).Orders);

        await HoldAsync(list);
        Assert.Equal("status", (await order.CompleteAsync("staff-1")).Refusal);  // refused: nothing written, nothing dropped
        Assert.NotNull((await list.GetAsync()).Orders);
        Assert.NotNull((await other.GetAsync()).Orders);  // another student's list is not touched
    }

    private static async Task HoldAsync(IStudentOrdersGrain list) =>
        Assert.True(await list.KeepAsync((await list.GetAsync()).Version, [Listing(OrderStatus.PendingPayment)], complete: true));

    private static OrderListing Listing(OrderStatus status) =>
        new(Guid.NewGuid(), "000015-20260302090000000", OrderKind.Group, "OrderKind.Group", 1, status, ClusterFixture.Start, "张三", 3000, "CNY",
            ClusterFixture.Start.AddMinutes(30), null, null, null, "110***********1234", "138****5678");
}
