using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Web.Pages.Student.Collect;

namespace Photocollect.Web.Pages.Student.Offline;

/// <summary>
/// 现场采集 (seeds 001, 004): after the collection code is verified, what the fee covers and 立即支付; once paid, a
/// slot of a session to book (or move), and how the number is taken on site; then the number itself.
/// </summary>
public sealed class IndexModel(CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Where the student stands.</summary>
    public OfflineState? State { get; private set; }

    /// <summary>Sessions and slots to book, when booking is open and the order is paid.</summary>
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    /// <summary>The chosen slot.</summary>
    [BindProperty]
    public Guid SlotId { get; set; }

    /// <summary>A confirmation to show, or null.</summary>
    public string? Info { get; private set; }

    /// <summary>The campaign does not collect on site.</summary>
    public bool NotOffline { get; private set; }

    /// <summary>Shows the student's state.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>立即支付: the order for the on-site shoot, then its page to pay.</summary>
    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }

        var started = await onSite.StartAsync(AccountId, Campaign!, cancellationToken);
        if (started.Value is { } order)
        {
            return Go($"/orders/{order.Id}");
        }

        Error = Text[$"Offline.Problem.{started.Problem}"];
        return Page();
    }

    /// <summary>预约 / 改约: books the chosen slot.</summary>
    public async Task<IActionResult> OnPostBookAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }

        var booked = await onSite.BookAsync(AccountId, Campaign!, SlotId, bookedBy: null, cancellationToken);
        if (booked.Problem is { } problem)
        {
            Error = Text[$"Offline.Problem.{problem}"];
            return Page();
        }

        TempData["Offline.Info"] = Text["Offline.Booked"].Value;
        return Go("/offline");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return false;
        }

        if (!OnSiteFlow.IsOffline(Campaign!))
        {
            NotOffline = true;
            return false;
        }

        State = await onSite.StateAsync(AccountId, Campaign!, cancellationToken);
        if (State.Order?.Status == Grains.Orders.OrderStatus.Paid && Campaign!.BookingEnabled)
        {
            Sessions = await onSite.SessionsAsync(Campaign, cancellationToken: cancellationToken);
        }

        Info = TempData["Offline.Info"] as string;
        return true;
    }
}
