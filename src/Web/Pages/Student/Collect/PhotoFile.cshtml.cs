using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>A student's own photo file: the upload, a phone-sized preview of it, or its standard photo. Anyone else's is 404.</summary>
public sealed class PhotoFileModel(CollectionFlow flow, PhotoFiles files, PhotoVision vision, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Sends the file.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, string kind, CancellationToken cancellationToken)
    {
        var bytes = await files.PhotoAsync(id, kind == "standard", AccountId, cancellationToken);
        if (bytes is null)
        {
            return NotFound();
        }

        if (kind == "preview")
        {
            try
            {
                bytes = await vision.PreviewAsync(bytes, cancellationToken) ?? bytes;
            }
            catch (VisionBusyException)
            {
                // Every checker is busy with uploads: the upload itself is the preview this once (not cached).
                return File(bytes, PhotoFiles.ContentType(bytes));
            }
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(bytes, PhotoFiles.ContentType(bytes));
    }
}
