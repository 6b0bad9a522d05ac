using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>
/// One order under review, made for a laptop: the upload with what the check measured drawn on it, the standard photo
/// and the admission photo side by side with the comparison; the check values in the reader's language, failed first;
/// approve, or reject with a maintained reason and a note to the student; keyboard shortcuts (site.js, data-key) that
/// press the same buttons. A decision goes on to the next waiting order. Posts name the photo the page showed, so a
/// stale page cannot decide on a photo nobody looked at.
/// </summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin}")]
public sealed class OrderModel(AppDbContext db, ReviewDesk desk, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The order as the queue sees it (kind, comparison, what the machine found).</summary>
    public ReviewItem Item { get; private set; } = null!;

    /// <summary>The student.</summary>
    public StudentRecord Record { get; private set; } = null!;

    /// <summary>The photo under review, or null.</summary>
    public Photo? Photo { get; private set; }

    /// <summary>The upload with its marks, or null without a photo.</summary>
    public MarkedPhoto? Marked { get; private set; }

    /// <summary>The photo's checks, failed first.</summary>
    public IReadOnlyList<CheckView> Checks { get; private set; } = [];

    /// <summary>Earlier rejections of this order, oldest first: when, the reason's title, the note.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Reason, string? Note)> Rejections { get; private set; } = [];

    /// <summary>Reasons to choose from.</summary>
    public IReadOnlyList<RejectReason> Reasons { get; private set; } = [];

    /// <summary>The waiting order after this one, or null.</summary>
    public Guid? NextId { get; private set; }

    /// <summary>How many orders wait for review.</summary>
    public int Waiting { get; private set; }

    /// <summary>The photo the page showed, posted back with a decision (the form always carries the one it shows).</summary>
    [BindProperty]
    public Guid? PhotoId { get; set; }

    /// <summary>The chosen reason.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The note to the student, optional.</summary>
    [BindProperty]
    public string? Note { get; set; }

    /// <summary>A problem with the chosen reason, to show under it.</summary>
    public string? ReasonError { get; private set; }

    /// <summary>A problem with the note, to show under it.</summary>
    public string? NoteError { get; private set; }

    /// <summary>A problem with the decision as a whole.</summary>
    public string? Error { get; private set; }

    /// <summary>What the last decision did (shown on the next order's page).</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the order.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Approves the photo the page showed.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await DoneAsync(await desk.ApproveAsync(id, Actor, PhotoId, cancellationToken), "Review.Approved", cancellationToken);
    }

    /// <summary>Rejects with the chosen reason and the note, if any.</summary>
    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Reason) || !Reasons.Any(r => r.Code == Reason))
        {
            ReasonError = text["Review.ChooseReason"];
        }

        var note = Note?.Trim() ?? "";
        if (note.Length > ReviewDesk.MaxNoteLength)
        {
            NoteError = text["Review.NoteTooLong", ReviewDesk.MaxNoteLength, note.Length];
        }

        if (ReasonError is not null || NoteError is not null)
        {
            return Page();
        }

        return await DoneAsync(await desk.RejectAsync(id, Actor, Reason!, note, PhotoId, cancellationToken), "Review.Rejected", cancellationToken);
    }

    private string Actor => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<IActionResult> DoneAsync(OrderResult result, string message, CancellationToken cancellationToken)
    {
        if (result.Outcome == OrderOutcome.Done)
        {
            Info = text[message, Item.Number].Value;
            var next = await desk.NextAsync(Item.OrderId, Item.Waiting, cancellationToken);
            return Redirect(next is { } n ? $"{Request.PathBase}/staff/review/{n}" : $"{Request.PathBase}/staff/review");
        }

        switch (result.Refusal)
        {
            case "reason":
                ReasonError = text["Review.ChooseReason"];
                break;
            case "note":
                NoteError = text["Review.NoteTooLong", ReviewDesk.MaxNoteLength, Note?.Trim().Length ?? 0];
                break;
            default:
                Error = result.Refusal == "photo" ? text["Review.PhotoChanged"] : text["Review.AlreadyDecided"];
                // Show what the order is now: its status, and a new photo if one came.
                await LoadAsync(Item.OrderId, cancellationToken);
                break;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await desk.ItemAsync(id, cancellationToken) is not { } item)
        {
            return false;
        }

        Item = item;
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken);
        Record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId, cancellationToken);
        Photo = item.PhotoId is { } p ? await db.Photos.AsNoTracking().SingleOrDefaultAsync(x => x.Id == p, cancellationToken) : null;
        if (Photo is not null)
        {
            Checks = CheckViews.From(StoredChecks.Read(Photo.Checks), text);
            // The upload is kept at least until delivery (the retention purge removes it later); after that the page
            // says it is gone where the image does not load (site.js, data-missing).
            Marked = new MarkedPhoto(
                $"{Request.PathBase}/staff/files/photo/{Photo.Id}/source",
                StoredMarks.Read(Photo.Marks),
                Checks.Where(c => c.Failed).Select(c => c.Name).ToHashSet(),
                text["Review.Upload"]);
        }

        // Titles of every reason, retired ones too: an earlier rejection may have used one.
        var titles = await db.RejectReasons.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Title, cancellationToken);
        Rejections = OrderHistory.Read(order).Where(h => h.Event == OrderEvent.Reject)
            .Select(h => (h.At, h.Note is { } code ? titles.GetValueOrDefault(code, code) : "", h.Remark)).ToList();
        Reasons = await desk.ReasonsAsync(cancellationToken);
        NextId = await desk.NextAsync(id, item.Waiting, cancellationToken);
        Waiting = await db.Orders.CountAsync(o => o.Status == OrderStatus.PendingReview, cancellationToken);
        return true;
    }
}
