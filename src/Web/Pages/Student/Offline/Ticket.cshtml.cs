using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Web.Pages.Student.Collect;

namespace Photocollect.Web.Pages.Student.Offline;

/// <summary>
/// 扫码排号: the page the station's queue QR opens (its URL carries the ticket). It says 正在出号 and takes the number at
/// once (the page's script sends the form; without script the student taps 排号), then shows 排号成功 on the queue
/// page; an expired ticket says 排号已过期 with 重新扫码, any other refusal 排号失败 and why.
/// </summary>
public sealed class TicketModel(CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The ticket the QR carried.</summary>
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Ticket { get; set; }

    /// <summary>Why no number was issued: <c>expired</c>, or another problem code; null while issuing.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows 正在出号 with the form that takes the number.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return Page();
    }

    /// <summary>Takes the number.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        var taken = await onSite.TakeNumberAsync(AccountId, Campaign!, Ticket, cancellationToken);
        if (taken.Value is not null)
        {
            return Go("/offline/queue");
        }

        Problem = taken.Problem;
        Error = Text[$"Offline.Problem.{taken.Problem}"];
        return Page();
    }
}
