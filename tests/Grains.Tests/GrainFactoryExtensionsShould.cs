using Photocollect.Grains.Orders;
using Photocollect.Grains.Queues;
using Photocollect.Grains.Students;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests;

/// <summary>
/// The references the product makes (from the grain and interface types the first reference resolved) address the
/// same grains as Orleans' own <c>GetGrain</c> with the <c>{tenantId}/{id}</c> key, and reach their state.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class GrainFactoryExtensionsShould(ClusterFixture cluster)
{
    private static readonly Guid Tenant = Guid.Parse("6f1c2f55-0000-4000-8000-000000000009");

    [Fact]
    public void MakeTheReferencesOrleansMakesForTheSameKey()
    {
        var (account, campaign, order, session) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        for (var call = 0; call < 2; call++)  // the types resolved by this or an earlier test: either way, twice
        {
            Same(cluster.Grains.GetGrain<IOrderGrain>($"{Tenant:D}/{order:D}"), cluster.Grains.Order(Tenant, order));
            Same(cluster.Grains.GetGrain<IStudentGrain>($"{Tenant:D}/{account:N}{campaign:N}"), cluster.Grains.Student(Tenant, account, campaign));
            Same(cluster.Grains.GetGrain<IStudentOrdersGrain>($"{Tenant:D}/{account:N}"), cluster.Grains.StudentOrders(Tenant, account));
            Same(cluster.Grains.GetGrain<ISessionQueueGrain>($"{Tenant:D}/{session:D}"), cluster.Grains.SessionQueue(Tenant, session));
        }

        Assert.NotEqual(cluster.Grains.Order(Tenant, order).GetGrainId(), cluster.Grains.Order(Tenant, Guid.NewGuid()).GetGrainId());
    }

    [Fact]
    public async Task ReachTheStateOfTheGrainOrleansAddresses()
    {
        var account = Guid.NewGuid();
        _ = cluster.Grains.StudentOrders(Tenant, Guid.NewGuid());  // types resolved: the next references are made from them
        var viaOrleans = cluster.Grains.GetGrain<IStudentOrdersGrain>($"{Tenant:D}/{account:N}");
        var empty = await viaOrleans.ViewAsync("probe");
        Assert.True(await viaOrleans.KeepViewAsync(empty.Version, "probe", "{\"n\":1}"));

        Assert.Equal("{\"n\":1}", (await cluster.Grains.StudentOrders(Tenant, account).ViewAsync("probe")).Json);
        Assert.Null((await cluster.Grains.StudentOrders(Tenant, Guid.NewGuid()).ViewAsync("probe")).Json);
    }

    private static void Same(IAddressable expected, IAddressable actual)
    {
        Assert.Equal(expected.GetGrainId(), actual.GetGrainId());
        Assert.Equal(((GrainReference)expected).InterfaceType, ((GrainReference)actual).InterfaceType);
        Assert.Equal(expected.GetType(), actual.GetType());
    }
}
