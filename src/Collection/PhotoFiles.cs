using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>
/// Stored photo files (uploads, standard photos, admission photos) as served to browsers. The bytes sit in their own
/// tables (<see cref="PhotoFile"/>, <see cref="AdmissionPhoto"/>) or, for uploads, in the <see cref="UploadStore"/>;
/// these queries are the only ones that read them.
/// </summary>
public sealed class PhotoFiles(AppDbContext db, UploadStore uploads)
{
    /// <summary>The content type of a stored file: uploads are JPEG or PNG (the loader refuses anything else).</summary>
    public static string ContentType(byte[] image) => image is [0x89, 0x50, ..] ? "image/png" : "image/jpeg";

    /// <summary>A photo's standard photo or upload in the current school; with <paramref name="accountId"/>, only that account's.</summary>
    public Task<byte[]?> PhotoAsync(Guid photoId, bool standard, Guid? accountId = null, CancellationToken cancellationToken = default)
    {
        var files = db.PhotoFiles.AsNoTracking().Where(f => f.PhotoId == photoId);
        if (accountId is { } account)
        {
            files = files.Where(f => db.Photos.Any(p => p.Id == f.PhotoId && p.AccountId == account));
        }

        return standard ? files.Select(f => f.Standard).SingleOrDefaultAsync(cancellationToken) : UploadAsync(files, cancellationToken);
    }

    // The upload from the row, or from the upload store when the row says it is there.
    private async Task<byte[]?> UploadAsync(IQueryable<PhotoFile> files, CancellationToken cancellationToken)
    {
        var found = await files.Select(f => new { f.PhotoId, f.TenantId, f.Source, f.SourceInStore }).SingleOrDefaultAsync(cancellationToken);
        return found switch
        {
            { Source: { } bytes } => bytes,
            { SourceInStore: true } => await uploads.ReadAsync(found.TenantId, found.PhotoId, cancellationToken),
            _ => null,
        };
    }

    /// <summary>
    /// 下载电子照片: the standard photo of the student's own completed order (已完成; a reprint's is its original's),
    /// named <c>姓名_学号.jpg</c>, with an ASCII name (<c>学号.jpg</c>) for clients that cannot read a UTF-8 one. Null for
    /// another account's order, an order not completed, or a photo the retention purge has deleted.
    /// </summary>
    public async Task<(byte[] Jpeg, string FileName, string AsciiFileName)?> FinishedAsync(Guid accountId, Guid orderId, CancellationToken cancellationToken = default)
    {
        var found = await (from o in db.Orders.AsNoTracking()
                           join r in db.StudentRecords on o.RecordId equals r.Id
                           join f in db.PhotoFiles on o.PhotoId equals (Guid?)f.PhotoId
                           where o.Id == orderId && o.AccountId == accountId && o.Status == OrderStatus.Completed
                           select new { f.Standard, r.Name, r.StudentNumber }).SingleOrDefaultAsync(cancellationToken);
        if (found?.Standard is not { } jpeg)
        {
            return null;
        }

        var number = FileNamePart(found.StudentNumber);
        var name = FileNamePart(found.Name);
        var stem = string.Join('_', new[] { name, number }.Where(p => p.Length > 0));
        var ascii = new string([.. number.Where(char.IsAsciiLetterOrDigit)]);
        return (jpeg, (stem.Length > 0 ? stem : "photo") + ".jpg", (ascii.Length > 0 ? ascii : "photo") + ".jpg");
    }

    /// <summary>A record's admission photo, or null.</summary>
    public Task<byte[]?> AdmissionPhotoAsync(Guid recordId, CancellationToken cancellationToken = default) =>
        db.AdmissionPhotos.AsNoTracking().Where(a => a.RecordId == recordId).Select(a => (byte[]?)a.Image).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether a record has an admission photo.</summary>
    public Task<bool> HasAdmissionPhotoAsync(Guid recordId, CancellationToken cancellationToken = default) =>
        db.AdmissionPhotos.AnyAsync(a => a.RecordId == recordId, cancellationToken);

    // What a file name may hold on a phone and on every system a school office uses: no separators, no reserved characters.
    private static string FileNamePart(string value)
    {
        var kept = new string([.. value.Trim().Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c) && !"\\/:*?\"<>|_".Contains(c, StringComparison.Ordinal))]);
        return kept.Length > 40 ? kept[..40] : kept;
    }
}
