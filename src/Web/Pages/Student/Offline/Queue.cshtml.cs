using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Web.Pages.Student.Collect;

namespace Photocollect.Web.Pages.Student.Offline;

/// <summary>
/// 排号成功: the student's number, the number being called, how many are ahead and the estimated wait, updated by the
/// page's script from the queue's event stream as numbers are called.
/// </summary>
public sealed class QueueModel(CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Where the student stands.</summary>
    public OfflineState? State { get; private set; }

    /// <summary>Shows the number, or sends a student without one to the offline page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        if (Campaign is null)
        {
            return Page();
        }

        State = await onSite.StateAsync(AccountId, Campaign, cancellationToken);
        return State.Place is { Number: > 0 } ? Page() : Go("/offline");
    }
}
