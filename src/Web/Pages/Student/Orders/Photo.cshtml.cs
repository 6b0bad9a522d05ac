using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>
/// 下载电子照片 (seed 000, step 9): the student's own finished photo, the 480×640 standard JPEG of a completed order,
/// as a download named <c>姓名_学号.jpg</c> (RFC 6266 <c>filename*</c> in UTF-8, with <c>学号.jpg</c> for clients that
/// read only <c>filename</c>). Another student's order, or one not completed, is 404.
/// </summary>
public sealed class PhotoModel(PhotoFiles files) : PageModel
{
    /// <summary>Sends the photo.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await files.FinishedAsync(account, id, cancellationToken) is not { } photo)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = photo.AsciiFileName,
            FileNameStar = photo.FileName,
        }.ToString();
        return File(photo.Jpeg, "image/jpeg");
    }
}
