using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Photocollect.Web.Pages.Student;

/// <summary>
/// Entries on the student home whose flows are not open yet (collection-code upload, freshman upload, orders,
/// reprints): a clear "not yet open" state for a signed-in student instead of a broken link.
/// </summary>
public sealed class UpcomingModel : PageModel
{
    /// <summary>Which entry: collect, freshman, orders or reprints.</summary>
    [BindProperty(SupportsGet = true)]
    public string Feature { get; set; } = string.Empty;

    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }
}
