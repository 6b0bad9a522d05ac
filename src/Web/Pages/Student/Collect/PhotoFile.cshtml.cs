using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>A student's own photo file: the upload or its standard photo. Anyone else's is 404.</summary>
public sealed class PhotoFileModel(CollectionFlow flow, PhotoFiles files, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Sends the file.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string kind, CancellationToken cancellationToken)
    {
        var bytes = await files.PhotoAsync(id, kind == "standard", AccountId, cancellationToken);
        if (bytes is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(bytes, PhotoFiles.ContentType(bytes));
    }
}
