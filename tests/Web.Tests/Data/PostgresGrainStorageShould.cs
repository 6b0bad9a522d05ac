using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Storage;
using Photocollect.Grains.Students;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

/// <summary>The grain storage on the real tables: versions, schools, and the reminder of the payments job.</summary>
public sealed class PostgresGrainStorageShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task RefuseAWriteMadeFromAStaleVersion()
    {
        var storage = Storage();
        var id = StudentGrainId((await app.SchoolAsync(AppFactory.A)).Id);
        var first = new GrainState<StudentState>(new StudentState { CheckAttempts = 1 });
        await storage.WriteStateAsync(GrainStorageNames.Student, id, first);
        var second = new GrainState<StudentState>();
        await storage.ReadStateAsync(GrainStorageNames.Student, id, second);

        second.State = second.State! with { CheckAttempts = 2 };
        await storage.WriteStateAsync(GrainStorageNames.Student, id, second);
        first.State = first.State! with { CheckAttempts = 3 };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainStorageNames.Student, id, first));
        var stored = new GrainState<StudentState>();
        await storage.ReadStateAsync(GrainStorageNames.Student, id, stored);
        Assert.Equal((2, second.ETag), (stored.State!.CheckAttempts, stored.ETag));
    }

    [Fact]
    public async Task ReadAndWriteAnOrderOnlyUnderItsOwnSchool()
    {
        var (_, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        var a = (await app.SchoolAsync(AppFactory.A)).Id;
        var b = (await app.SchoolAsync(AppFactory.B)).Id;
        var storage = Storage();

        var own = new GrainState<OrderState>();
        await storage.ReadStateAsync(GrainStorageNames.Order, OrderGrainId(a, orderId), own);
        var other = new GrainState<OrderState>();
        await storage.ReadStateAsync(GrainStorageNames.Order, OrderGrainId(b, orderId), other);

        Assert.True(own.RecordExists);
        Assert.Equal(orderId, own.State!.Id);
        Assert.False(other.RecordExists);
        // Another school's key names no row there, so a write from it changes nothing of school A's order.
        other.State = own.State with { Status = OrderStatus.Closed };
        other.ETag = own.ETag;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainStorageNames.Order, OrderGrainId(b, orderId), other));
        Assert.Equal(OrderStatus.PendingPayment, await app.StatusAsync(orderId));
    }

    [Fact]
    public async Task RefuseAStaleOrderWriteAndKeepWhatTheOtherWrote()
    {
        var (_, orderUrl) = await app.OrderAsync(pay: false);
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        var id = OrderGrainId((await app.SchoolAsync(AppFactory.A)).Id, orderId);
        var storage = Storage();
        var mine = new GrainState<OrderState>();
        await storage.ReadStateAsync(GrainStorageNames.Order, id, mine);
        var theirs = new GrainState<OrderState>();
        await storage.ReadStateAsync(GrainStorageNames.Order, id, theirs);

        theirs.State = theirs.State! with { Status = OrderStatus.Closed };
        await storage.WriteStateAsync(GrainStorageNames.Order, id, theirs);
        mine.State = mine.State! with { Status = OrderStatus.Paid, PaymentReference = "p-late" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainStorageNames.Order, id, mine));
        Assert.Equal(OrderStatus.Closed, await app.StatusAsync(orderId));
    }

    [Fact]
    public async Task StoreThePaymentsReminderOnceHoweverManyInstancesAsk()
    {
        _ = app.Server;
        var grains = app.Services.GetRequiredService<IGrainFactory>();

        // Every instance asks at start-up (the test app has the job off, so this is the first time).
        await grains.GetGrain<IPaymentsJobGrain>(PaymentsJobGrain.Key).ScheduleAsync();
        await grains.GetGrain<IPaymentsJobGrain>(PaymentsJobGrain.Key).ScheduleAsync();

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT remindername, period FROM orleans.orleansreminderstable WHERE grainid LIKE '%/payments'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("payments-minute", 60_000L), (reader.GetString(0), reader.GetInt64(1)));
        Assert.False(await reader.ReadAsync());
    }

    private IGrainStorage Storage()
    {
        _ = app.Server;
        return app.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Provider);
    }

    private static GrainId StudentGrainId(Guid tenant) =>
        GrainId.Create("student", GrainKey.Create(tenant, Guid.NewGuid().ToString("N")).ToString());

    private static GrainId OrderGrainId(Guid tenant, Guid order) =>
        GrainId.Create("order", GrainKey.Create(tenant, order.ToString("D")).ToString());
}
