using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;
using Photocollect.Grains.Storage;

namespace Photocollect.Grains.Tests.Support;

/// <summary>
/// A two-silo Orleans test cluster (TestingHost, in this process) whose grains store their state in
/// <see cref="Storage"/> and read the time from <see cref="Clock"/>. Shared by every grain test, which run one at a
/// time (one collection) because they share the clock.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>When every test starts, unless it moves the clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    // The silos are built by the test host from a configurator type, so they reach these through statics.
    private static readonly CellStorage SharedStorage = new();
    private static readonly FixedClock SharedClock = new(Start);

    private TestCluster? cluster;

    /// <summary>The grains' storage.</summary>
#pragma warning disable CA1822 // instance members: tests reach the cluster's parts through the fixture they are given
    public CellStorage Storage => SharedStorage;

    /// <summary>The grains' clock.</summary>
    public FixedClock Clock => SharedClock;
#pragma warning restore CA1822

    /// <summary>Calls grains through the cluster's client, as the web app does.</summary>
    public IGrainFactory Grains => cluster!.GrainFactory;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Silo>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton<TimeProvider>(SharedClock);
            // The moved clock is the grains'; Orleans' own timers keep real time.
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            siloBuilder.Services.AddGrainStorage(GrainStorageNames.Provider, (_, _) => SharedStorage);
        }
    }
}

/// <summary>The grain tests' collection: one cluster, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterTests : ICollectionFixture<ClusterFixture>
{
    /// <summary>Its name.</summary>
    public const string Name = "cluster";
}
