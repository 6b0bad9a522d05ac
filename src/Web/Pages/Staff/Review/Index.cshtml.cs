using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Review;

/// <summary>
/// The reviewer's queue, oldest first: each order's thumbnail, student, kind, the time left of the 48-hour target and
/// what the machine found; the orders whose every check and comparison passed can be ticked and approved in one post
/// (<see cref="ReviewDesk.ApproveBatchAsync"/> checks each again).
/// </summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.SchoolAdmin}")]
public sealed class IndexModel(ReviewDesk desk, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The queue.</summary>
    public IReadOnlyList<ReviewItem> Queue { get; private set; } = [];

    /// <summary>The ticked orders.</summary>
    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    /// <summary>A message after an action (a decision on an order's page, or a batch here).</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>What a batch did (shown on the page the post answers with).</summary>
    public string? Done { get; private set; }

    /// <summary>What a batch left aside, one line each.</summary>
    public IReadOnlyList<string> Skipped { get; private set; } = [];

    /// <summary>A problem with the post.</summary>
    public string? Error { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Queue = await desk.QueueAsync(cancellationToken);

    /// <summary>Approves the ticked orders that may be approved in a batch, and says what was left aside and why.</summary>
    public async Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken)
    {
        if (Selected.Count == 0)
        {
            Error = text["Review.Batch.NoneSelected"];
            Queue = await desk.QueueAsync(cancellationToken);
            return Page();
        }

        var batch = await desk.ApproveBatchAsync(Selected, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        Done = text["Review.Batch.Approved", batch.Approved.Count];
        Skipped = batch.Skipped.Select(s => s.Number is null
                ? text["Review.Batch.Skip.not_found"].Value
                : text[$"Review.Batch.Skip.{s.Why}", s.Number].Value)
            .ToList();
        Queue = await desk.QueueAsync(cancellationToken);
        return Page();
    }
}
