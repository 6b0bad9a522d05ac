using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>
/// Stored photo files (uploads, standard photos, admission photos) as served to browsers. The bytes sit in their own
/// tables (<see cref="PhotoFile"/>, <see cref="AdmissionPhoto"/>); these queries are the only ones that read them.
/// </summary>
public sealed class PhotoFiles(AppDbContext db)
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

        return (standard ? files.Select(f => f.Standard) : files.Select(f => (byte[]?)f.Source)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>A record's admission photo, or null.</summary>
    public Task<byte[]?> AdmissionPhotoAsync(Guid recordId, CancellationToken cancellationToken = default) =>
        db.AdmissionPhotos.AsNoTracking().Where(a => a.RecordId == recordId).Select(a => (byte[]?)a.Image).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Whether a record has an admission photo.</summary>
    public Task<bool> HasAdmissionPhotoAsync(Guid recordId, CancellationToken cancellationToken = default) =>
        db.AdmissionPhotos.AnyAsync(a => a.RecordId == recordId, cancellationToken);
}
