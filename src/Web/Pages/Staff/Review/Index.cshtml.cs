using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Collection;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>The reviewer's queue: oldest first, with the time left of the 48-hour target.</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin}")]
public sealed class IndexModel(ReviewDesk desk) : PageModel
{
    /// <summary>The queue.</summary>
    public IReadOnlyList<QueueItem> Queue { get; private set; } = [];

    /// <summary>A message after an action.</summary>
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Info { get; set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Queue = await desk.QueueAsync(cancellationToken);
}
