using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Web.Data;

namespace Photocollect.Web.Collection;

/// <summary>Gets grains by key, as Orleans' IGrainFactory does; each is backed by PostgreSQL through the scope's
/// <see cref="AppDbContext"/> (so tenant isolation applies to grain state too).</summary>
public sealed class GrainFactory(AppDbContext db, TimeProvider clock)
{
    /// <summary>The order grain <c>{tenantId}/{orderId}</c>.</summary>
    public IOrderGrain Order(Guid tenantId, Guid orderId)
    {
        var key = GrainKey.Create(tenantId, orderId.ToString("D"));
        return new OrderGrain(key, new OrderRowState(db, key), clock);
    }

    /// <summary>The student grain of one account in one campaign: <c>{tenantId}/{accountId:N}{campaignId:N}</c> (64 characters).</summary>
    public IStudentGrain Student(Guid tenantId, Guid accountId, Guid campaignId)
    {
        var key = GrainKey.Create(tenantId, $"{accountId:N}{campaignId:N}");
        return new StudentGrain(key, new JsonGrainState<StudentState>(db, "student", key), clock);
    }
}
