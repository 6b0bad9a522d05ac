using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>
/// 加洗照片: more prints of a photo whose collection order is complete, priced per set by the school
/// (<see cref="Campaign.ReprintPriceFen"/>; zero means the school does not offer them). The order is paid like any
/// other and then goes straight to production: the photo was approved on the original order.
/// </summary>
public sealed class Reprints(AppDbContext db, TenantContext tenant, IGrainFactory grains, OrderNumbers numbers)
{
    /// <summary>Most sets in one order.</summary>
    public const int MaxCopies = 10;

    /// <summary>The student's completed photos that can be reprinted, newest first.</summary>
    public async Task<IReadOnlyList<ReprintOption>> OptionsAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        await db.Orders.AsNoTracking()
            .Where(o => o.AccountId == accountId && o.Status == OrderStatus.Completed && o.Kind != OrderKind.Reprint && o.PhotoId != null)
            .Join(db.Campaigns, o => o.CampaignId, c => c.Id, (o, c) => new { o, c })
            .Where(x => x.c.ReprintPriceFen > 0)
            .OrderByDescending(x => x.o.CreatedAt)
            .Select(x => new ReprintOption(x.o.Id, x.o.Number, x.c.Name, x.o.PhotoId!.Value, x.c.ReprintPriceFen, x.o.RecordId, x.c.Id, x.c.PayWithinMinutes, x.c.Kind))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Orders <paramref name="copies"/> sets of prints of a completed order's photo. <paramref name="requestId"/> is
    /// the new order's id, made when the form was shown: sending the same form twice gives the same order.
    /// </summary>
    public async Task<ReprintResult> OrderAsync(Guid accountId, Guid requestId, Guid sourceOrderId, int copies, CancellationToken cancellationToken = default)
    {
        if (copies is < 1 or > MaxCopies)
        {
            return new(null, "copies");
        }

        var option = (await OptionsAsync(accountId, cancellationToken)).FirstOrDefault(o => o.OrderId == sourceOrderId);
        if (option is null)
        {
            return new(null, "not_found");
        }

        var result = await NewOrders.CreateAsync(grains.Order(tenant.RequiredSchool.Id, requestId), numbers, tenant.RequiredSchool.SchoolCode, number =>
            new NewOrder(number, accountId, option.RecordId, option.CampaignId, OrderKind.Reprint,
                option.PriceFen * copies, option.PhotoId, TimeSpan.FromMinutes(option.PayWithinMinutes), copies),
            cancellationToken);
        if (!result.Succeeded || result.State is not { } made || made.AccountId != accountId)
        {
            return new(null, "not_found");
        }

        return new(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == requestId, cancellationToken), null);
    }
}
