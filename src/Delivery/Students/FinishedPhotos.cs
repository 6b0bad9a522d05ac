using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Delivery.Students;

/// <summary>
/// One student's finished graduation photo, for the school's own systems (学籍, 校园卡) to fetch by student number: the
/// standard photo of an approved, produced order (已完成, not a reprint), from the latest graduation campaign that has
/// one for that student.
/// </summary>
public sealed class FinishedPhotos(AppDbContext db)
{
    /// <summary>A finished photo: the 480×640 JPEG and where it comes from.</summary>
    public sealed record Photo(Guid OrderId, Guid CampaignId, string StudentNumber, byte[] Jpeg);

    /// <summary>The student's finished photo, or null when there is none.</summary>
    public async Task<Photo?> LatestAsync(string studentNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studentNumber);
        var found = await (from o in db.Orders.AsNoTracking()
                           join r in db.StudentRecords on o.RecordId equals r.Id
                           join c in db.Campaigns on o.CampaignId equals c.Id
                           join f in db.PhotoFiles on o.PhotoId equals (Guid?)f.PhotoId
                           where r.StudentNumber == studentNumber && c.Kind == CampaignKind.Graduation
                               && o.Status == OrderStatus.Completed && o.Kind != OrderKind.Reprint && f.Standard != null
                           orderby c.StartsAt descending, o.CreatedAt descending
                           select new { o.Id, o.CampaignId, f.Standard }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : new Photo(found.Id, found.CampaignId, studentNumber, found.Standard!);
    }

    /// <summary>
    /// An approved order's standard photo (待制作 and after) and its file name: by the school's pattern when
    /// <paramref name="mayShowIdNumber"/> (a school admin), else by student number, so that a file name never shows
    /// staff an ID number their pages do not.
    /// </summary>
    public async Task<(byte[] Jpeg, string FileName, string StudentNumber)?> ApprovedAsync(Guid orderId, bool mayShowIdNumber, CancellationToken cancellationToken)
    {
        var found = await (from o in db.Orders.AsNoTracking()
                           join r in db.StudentRecords on o.RecordId equals r.Id
                           join f in db.PhotoFiles on o.PhotoId equals (Guid?)f.PhotoId
                           join c in db.Campaigns on o.CampaignId equals c.Id
                           where o.Id == orderId && (o.Status == OrderStatus.PendingProduction || o.Status == OrderStatus.InProduction || o.Status == OrderStatus.Completed)
                           select new { f.Standard, r.StudentNumber, r.IdNumber, c.DeliveryNaming }).SingleOrDefaultAsync(cancellationToken);
        if (found?.Standard is null)
        {
            return null;
        }

        // One photo on its own: named by student or ID number (an exam number needs the roster; the student number stands in).
        var naming = mayShowIdNumber && found.DeliveryNaming == DeliveryNaming.IdNumber ? DeliveryNaming.IdNumber : DeliveryNaming.StudentNumber;
        var name = Batches.DeliveryFileNames.Assign([new(orderId, found.StudentNumber, found.IdNumber, "")], naming)[0].FileName;
        return (found.Standard, name, found.StudentNumber);
    }
}
