using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Web.Accounts;
using Photocollect.Web.Collection;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>Photo files for reviewers and production staff of the school (the tenant filter keeps other schools' out).</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin},{Roles.Photographer}")]
public sealed class FilesModel(PhotoFiles files) : PageModel
{
    /// <summary>Sends a file.</summary>
    public async Task<IActionResult> OnGetAsync(string kind, Guid id, string part, CancellationToken cancellationToken)
    {
        byte[]? bytes = kind switch
        {
            "photo" => await files.PhotoAsync(id, part == "standard", cancellationToken: cancellationToken),
            "admission" => await files.AdmissionPhotoAsync(id, cancellationToken),
            _ => null,
        };
        if (bytes is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(bytes, PhotoFiles.ContentType(bytes));
    }
}
