using Photocollect.Grains.Orders;
using Photocollect.Grains.Queues;
using Photocollect.Grains.Students;

namespace Photocollect.Grains;

/// <summary>The grains by what callers know of them; the <c>{tenantId}/{id}</c> keys are made here and nowhere else.</summary>
public static class GrainFactoryExtensions
{
    /// <summary>The order grain <c>{tenantId}/{orderId}</c>.</summary>
    public static IOrderGrain Order(this IGrainFactory grains, Guid tenantId, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IOrderGrain>(GrainKey.Create(tenantId, orderId.ToString("D")).ToString());
    }

    /// <summary>The student grain of one account in one campaign: <c>{tenantId}/{accountId:N}{campaignId:N}</c> (64 characters).</summary>
    public static IStudentGrain Student(this IGrainFactory grains, Guid tenantId, Guid accountId, Guid campaignId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IStudentGrain>(GrainKey.Create(tenantId, $"{accountId:N}{campaignId:N}").ToString());
    }

    /// <summary>The order list of one student at one school: <c>{tenantId}/{accountId:N}</c>.</summary>
    public static IStudentOrdersGrain StudentOrders(this IGrainFactory grains, Guid tenantId, Guid accountId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IStudentOrdersGrain>(GrainKey.Create(tenantId, accountId.ToString("N")).ToString());
    }

    /// <summary>The queue of one on-site collection session: <c>{tenantId}/{sessionId}</c>.</summary>
    public static ISessionQueueGrain SessionQueue(this IGrainFactory grains, Guid tenantId, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<ISessionQueueGrain>(GrainKey.Create(tenantId, sessionId.ToString("D")).ToString());
    }
}
