using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Students of the second demo school taken by the services to a status of the online flow, inside its scope.</summary>
public static class Delivered
{
    /// <summary>
    /// A new verified student's order taken as far as <paramref name="until"/>: submitted (待支付), paid (待审核), rejected,
    /// approved (待制作), in production or completed (已完成); with <paramref name="photo"/> or a good corpus photo; a
    /// demo student, or the roster student <paramref name="studentNumber"/> (<see cref="Rostered"/>).
    /// </summary>
    public static async Task<(Order Order, StudentRecord Record)> OrderAsync(IServiceProvider sp, OrderStatus until, byte[]? photo = null, string? studentNumber = null)
    {
        var (account, campaign) = await OnSite.VerifiedStudentAsync(sp, studentNumber);
        var flow = sp.GetRequiredService<CollectionFlow>();
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        var checkedPhoto = await flow.CheckPhotoAsync(account.Id, campaign, photo ?? Faces.GoodPhoto());
        Assert.Null(checkedPhoto.Problem);
        var order = (await flow.SubmitAsync(account.Id, campaign, checkedPhoto.Photo!.Id)).Order!;
        var desk = sp.GetRequiredService<ReviewDesk>();
        if (until != OrderStatus.PendingPayment)
        {
            await OnSite.PayAsync(sp, order);
        }

        if (until == OrderStatus.Rejected)
        {
            var reason = (await desk.ReasonsAsync())[0].Code;
            Assert.True((await desk.RejectAsync(order.Id, "reviewer@nanhu.demo", reason)).Succeeded);
        }

        if (until is OrderStatus.PendingProduction or OrderStatus.InProduction or OrderStatus.Completed)
        {
            Assert.True((await desk.ApproveAsync(order.Id, "reviewer@nanhu.demo")).Succeeded);
        }

        if (until is OrderStatus.InProduction or OrderStatus.Completed)
        {
            Assert.Equal(1, await desk.StartProductionAsync([order.Id], "photographer@nanhu.demo"));
        }

        if (until == OrderStatus.Completed)
        {
            Assert.Equal(1, await desk.CompleteAsync([order.Id], "photographer@nanhu.demo"));
        }

        var db = sp.GetRequiredService<AppDbContext>();
        var saved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        Assert.Equal(until, saved.Status);
        return (saved, await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == saved.RecordId));
    }
}
