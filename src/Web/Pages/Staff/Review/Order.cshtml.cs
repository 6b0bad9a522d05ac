using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Orders;
using Photocollect.Collection;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>One order under review: the photo beside the admission photo, the check values, approve or reject.</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin}")]
public sealed class OrderModel(AppDbContext db, ReviewDesk desk, PhotoFiles files, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The order.</summary>
    public Order Order { get; private set; } = null!;

    /// <summary>The student.</summary>
    public StudentRecord Record { get; private set; } = null!;

    /// <summary>The photo.</summary>
    public Photo? Photo { get; private set; }

    /// <summary>The record has an admission photo to show beside the photo.</summary>
    public bool HasAdmissionPhoto { get; private set; }

    /// <summary>Its checks.</summary>
    public IReadOnlyList<StoredCheck> Checks { get; private set; } = [];

    /// <summary>Reasons to choose from.</summary>
    public IReadOnlyList<RejectReason> Reasons { get; private set; } = [];

    /// <summary>The chosen reason.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>A problem to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the order.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Approves.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Done(await desk.ApproveAsync(id, Actor, cancellationToken), "Review.Approved");
    }

    /// <summary>Rejects with the chosen reason.</summary>
    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Reason))
        {
            Error = "Review.ChooseReason";
            return Page();
        }

        return Done(await desk.RejectAsync(id, Actor, Reason, cancellationToken), "Review.Rejected");
    }

    private string Actor => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private IActionResult Done(OrderResult result, string message)
    {
        if (result.Outcome == OrderOutcome.Done)
        {
            TempData["Info"] = text[message, Order.Number].Value;
            return Redirect($"{Request.PathBase}/staff/review");
        }

        Error = result.Refusal == "reason" ? "Review.ChooseReason" : "Review.AlreadyDecided";
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return false;
        }

        Order = order;
        Record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId, cancellationToken);
        HasAdmissionPhoto = await files.HasAdmissionPhotoAsync(order.RecordId, cancellationToken);
        Photo = order.PhotoId is { } p ? await db.Photos.AsNoTracking().SingleOrDefaultAsync(x => x.Id == p, cancellationToken) : null;
        if (Photo is not null)
        {
            Checks = StoredChecks.Read(Photo.Checks);
        }

        Reasons = await desk.ReasonsAsync(cancellationToken);
        return true;
    }
}
