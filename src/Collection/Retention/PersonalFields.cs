using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection.Retention;

/// <summary>
/// The deletions and blankings the purge and a student's erasure share, as set-based statements inside the school's
/// scope (the tenant filter applies to them). What is blanked and why is decision 011: identity (name, gender, birth
/// date, ID number, the collection code's hash, and the values of corrections to them) and the phone go; the student
/// number, level, college and major stay with the orders for the school's accounts.
/// </summary>
public static class PersonalFields
{
    /// <summary>Orders in progress (待支付, 已支付, 待审核, 被驳回, 待制作, 制作中): their record's data is still needed, so neither the
    /// purge nor an erasure touches it. A rejected order is paid and waits for a new photo; at the window's end the
    /// reconciliation refunds it, and only then is it no longer in progress.</summary>
    public static IQueryable<Order> InProgress(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Orders.Where(o => o.Status == OrderStatus.PendingPayment || o.Status == OrderStatus.Paid || o.Status == OrderStatus.PendingReview
            || o.Status == OrderStatus.Rejected || o.Status == OrderStatus.PendingProduction || o.Status == OrderStatus.InProduction);
    }

    /// <summary>
    /// Deletes the uploads and/or standard photos of the records' photos; a file row left with neither goes. Uploads
    /// kept as files go first, then the rows that name them (<see cref="UploadStore"/>: a crash between the two leaves
    /// rows the next run deletes again).
    /// </summary>
    /// <returns>Uploads and standard photos deleted.</returns>
    public static async Task<(int Sources, int Standards)> DeletePhotoFilesAsync(AppDbContext db, UploadStore uploads, IReadOnlyCollection<Guid> sourceRecords,
        IReadOnlyCollection<Guid> standardRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(uploads);
        var sources = 0;
        if (sourceRecords.Count > 0)
        {
            var ofRecords = db.PhotoFiles.Where(f => db.Photos.Any(p => p.Id == f.PhotoId && sourceRecords.Contains(p.RecordId)));
            var files = await ofRecords.Where(f => f.SourceInStore).Select(f => new { f.TenantId, f.PhotoId }).ToListAsync(cancellationToken);
            foreach (var school in files.GroupBy(f => f.TenantId))
            {
                uploads.Delete(school.Key, school.Select(f => f.PhotoId));
            }

            // Only the claims whose files were deleted: an upload stored meanwhile keeps its claim (and its file).
            var deleted = files.Select(f => f.PhotoId).ToList();
            sources = await ofRecords.Where(f => f.Source != null || (f.SourceInStore && deleted.Contains(f.PhotoId)))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Source, (byte[]?)null).SetProperty(f => f.SourceInStore, false), cancellationToken);
        }

        var standards = standardRecords.Count == 0 ? 0 : await db.PhotoFiles
            .Where(f => f.Standard != null && db.Photos.Any(p => p.Id == f.PhotoId && standardRecords.Contains(p.RecordId)))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Standard, (byte[]?)null), cancellationToken);
        if (sources + standards > 0)
        {
            await db.PhotoFiles.Where(f => f.Source == null && !f.SourceInStore && f.Standard == null).ExecuteDeleteAsync(cancellationToken);
        }

        return (sources, standards);
    }

    /// <summary>Deletes the records' admission photos (and their aligned faces).</summary>
    public static Task<int> DeleteAdmissionPhotosAsync(AppDbContext db, IReadOnlyCollection<Guid> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return records.Count == 0 ? Task.FromResult(0) : db.AdmissionPhotos.Where(a => records.Contains(a.RecordId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Blanks the records' identity (name, gender, birth date, ID number, code hash) and the values of corrections
    /// made to them; returns the records that still had any.</summary>
    public static async Task<int> BlankIdentityAsync(AppDbContext db, IReadOnlyCollection<Guid> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (records.Count == 0)
        {
            return 0;
        }

        await db.RecordCorrections.Where(c => records.Contains(c.RecordId) && (c.OldValue != "" || c.NewValue != ""))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OldValue, "").SetProperty(c => c.NewValue, ""), cancellationToken);
        return await db.StudentRecords
            .Where(r => records.Contains(r.Id) && (r.IdNumber != "" || r.Name != "" || r.Gender != "" || r.BirthDate != null || r.CodeHash != null))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, "").SetProperty(r => r.Gender, "").SetProperty(r => r.BirthDate, (DateOnly?)null)
                .SetProperty(r => r.IdNumber, "").SetProperty(r => r.CodeHash, (string?)null), cancellationToken);
    }

    /// <summary>Blanks the records' phone numbers; returns the records that still had one.</summary>
    public static Task<int> BlankPhoneAsync(AppDbContext db, IReadOnlyCollection<Guid> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return records.Count == 0 ? Task.FromResult(0)
            : db.StudentRecords.Where(r => records.Contains(r.Id) && r.Phone != "").ExecuteUpdateAsync(s => s.SetProperty(r => r.Phone, ""), cancellationToken);
    }
}
