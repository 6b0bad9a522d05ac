using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Delivery.Students;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>
/// Photo files for reviewers and production staff of the school (the tenant filter keeps other schools' out): a photo's
/// upload (<c>source</c>), standard photo or its thumbnail (<c>thumb</c>, for lists), an admission photo. A photo's id
/// names one image for good (a new upload is a new photo), so the browser may keep it for a day; an admission photo,
/// named by the student's record, may be replaced, and is kept an hour.
/// </summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin},{Roles.Photographer}")]
public sealed class FilesModel(PhotoFiles files) : PageModel
{
    /// <summary>Sends a file, or 404 when the school has none such.</summary>
    public async Task<IActionResult> OnGetAsync(string kind, Guid id, string part, CancellationToken cancellationToken)
    {
        byte[]? bytes = kind switch
        {
            "photo" when part == "thumb" => await files.PhotoAsync(id, standard: true, cancellationToken: cancellationToken) is { } standard ? PhotoThumbnails.Jpeg(standard) : null,
            "photo" => await files.PhotoAsync(id, part == "standard", cancellationToken: cancellationToken),
            "admission" => await files.AdmissionPhotoAsync(id, cancellationToken),
            _ => null,
        };
        if (bytes is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = kind == "photo" ? "private, max-age=86400" : "private, max-age=3600";
        return File(bytes, PhotoFiles.ContentType(bytes));
    }
}
