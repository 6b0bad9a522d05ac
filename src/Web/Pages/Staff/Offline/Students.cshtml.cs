using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Offline;

/// <summary>
/// 现场服务: staff find a student (phone, student number or name) to book a slot for one who could not, or to correct a
/// wrong name or ID number before the shoot; each correction is kept with who, when, what and why.
/// </summary>
[Authorize(Roles = $"{Roles.Photographer},{Roles.SchoolAdmin}")]
public sealed class StudentsModel(CollectionFlow flow, OnSiteFlow onSite, OnSiteDesk desk, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>What was searched for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The record acted on.</summary>
    [BindProperty]
    public Guid RecordId { get; set; }

    /// <summary>The slot to book.</summary>
    [BindProperty]
    public Guid SlotId { get; set; }

    /// <summary>Corrected name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Corrected student number.</summary>
    [BindProperty]
    public string? StudentNumber { get; set; }

    /// <summary>Corrected level.</summary>
    [BindProperty]
    public string? Level { get; set; }

    /// <summary>Corrected college.</summary>
    [BindProperty]
    public string? College { get; set; }

    /// <summary>Corrected major.</summary>
    [BindProperty]
    public string? Major { get; set; }

    /// <summary>Corrected ID number (empty keeps it).</summary>
    [BindProperty]
    public string? IdNumber { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The graduation campaign.</summary>
    public Campaign? Campaign { get; private set; }

    /// <summary>Students found.</summary>
    public IReadOnlyList<DeskStudent> Found { get; private set; } = [];

    /// <summary>Slots to book from.</summary>
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    /// <summary>A problem.</summary>
    public string? Error { get; private set; }

    /// <summary>A confirmation.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Searches.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Books a slot for the student.</summary>
    public async Task<IActionResult> OnPostBookAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Campaign is null)
        {
            return Page();
        }

        var booked = await desk.BookAsync(Campaign, RecordId, SlotId, Staff, cancellationToken);
        if (booked.Problem is { } problem)
        {
            Error = localizer[$"Offline.Problem.{problem}"];
            return Page();
        }

        Info = localizer["Desk.Booked"];
        return RedirectToPage(new { Q });
    }

    /// <summary>Corrects the record.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Campaign is null)
        {
            return Page();
        }

        if (await desk.CorrectAsync(Campaign, RecordId, Name, IdNumber, Reason, Staff, new RecordFields(StudentNumber, Level, College, Major), cancellationToken) is { } problem)
        {
            Error = localizer[$"Desk.Problem.{problem}"];
            return Page();
        }

        Info = localizer["Desk.Corrected"];
        return RedirectToPage(new { Q });
    }

    private string Staff => User.Identity?.Name ?? "staff";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Campaign = await flow.CampaignAsync(CampaignKind.Graduation, cancellationToken);
        if (Campaign is null)
        {
            Error = localizer["Sessions.NoCampaign"];
            return;
        }

        Found = await desk.FindAsync(Campaign, Q, cancellationToken);
        Sessions = Found.Count == 0 ? [] : await onSite.SessionsAsync(Campaign, cancellationToken: cancellationToken);
    }
}
