using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Orders;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Students;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>Production by batch: 待制作 → 制作中 → 已完成 for the ticked orders.</summary>
[Authorize(Roles = $"{Roles.SchoolAdmin},{Roles.Photographer},{Roles.Reviewer}")]
public sealed class ProductionModel(ReviewDesk desk, FinishedPhotos photos, ExportLog log, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>Waiting for production.</summary>
    public IReadOnlyList<QueueItem> Waiting { get; private set; } = [];

    /// <summary>In production.</summary>
    public IReadOnlyList<QueueItem> Running { get; private set; } = [];

    /// <summary>Ticked orders.</summary>
    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    /// <summary>Message after a batch.</summary>
    public string? Info { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Starts production of the ticked orders.</summary>
    public async Task OnPostStartAsync(CancellationToken cancellationToken)
    {
        var moved = await desk.StartProductionAsync(Selected, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        Info = text["Production.Started", moved];
        await LoadAsync(cancellationToken);
    }

    /// <summary>Completes the ticked orders.</summary>
    public async Task OnPostCompleteAsync(CancellationToken cancellationToken)
    {
        var moved = await desk.CompleteAsync(Selected, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        Info = text["Production.Completed", moved];
        await LoadAsync(cancellationToken);
    }

    /// <summary>One order's standard photo, to print or send on (logged).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await photos.ApprovedAsync(orderId, User.IsInRole(Roles.SchoolAdmin), cancellationToken) is not { } photo)
        {
            return NotFound();
        }

        await log.RecordAsync(Requesters.Staff(HttpContext), "photo", photo.StudentNumber, 1, cancellationToken);
        return File(photo.Jpeg, "image/jpeg", photo.FileName);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Waiting = await desk.ListAsync(OrderStatus.PendingProduction, cancellationToken);
        Running = await desk.ListAsync(OrderStatus.InProduction, cancellationToken);
    }
}
