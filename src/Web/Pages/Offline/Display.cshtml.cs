using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Web.Pages.Offline;

/// <summary>
/// 大屏叫号: the on-site screen beside the station, full-screen on a TV or laptop: the number being called and the next
/// ones, live from the session's event stream. Anonymous and numbers only: nobody's name is shown.
/// </summary>
public sealed class DisplayModel(Station station) : PageModel
{
    /// <summary>The session.</summary>
    public CollectionSession Session { get; private set; } = null!;

    /// <summary>The queue when the page was made.</summary>
    public QueueBoard Board { get; private set; } = null!;

    /// <summary>Shows the screen.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await station.SessionAsync(id, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Session = found.Session;
        Board = await station.BoardAsync(Session, cancellationToken);
        return Page();
    }
}
