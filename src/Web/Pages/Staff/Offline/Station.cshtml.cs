using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Grains.Queues;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.Offline;

/// <summary>
/// The photographer's station for one session (tablet or laptop): the queue QR (a new ticket every 30 s), the number
/// being called and the next ones, 叫号 and 过号, and the called student's photo, checked at once: a passed photo goes
/// to review, a failed one is shown with what to fix so the photographer retakes.
/// </summary>
[Authorize(Roles = $"{Roles.Photographer},{Roles.SchoolAdmin}")]
[UploadLimit(MaxBatchBytes)]
public sealed class StationModel(Station station, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Largest upload of several photos at once (each photo up to the usual 15 MB).</summary>
    public const long MaxBatchBytes = 4L * CollectionFlow.MaxUploadBytes;

    /// <summary>The session.</summary>
    public CollectionSession Session { get; private set; } = null!;

    /// <summary>Its campaign.</summary>
    public Campaign Campaign { get; private set; } = null!;

    /// <summary>The queue.</summary>
    public QueueBoard Board { get; private set; } = null!;

    /// <summary>The number the station showed when the photographer tapped (guards double taps).</summary>
    [BindProperty]
    public int Shown { get; set; }

    /// <summary>The number a miss or a photo is for.</summary>
    [BindProperty]
    public int Number { get; set; }

    /// <summary>The photo of the called student.</summary>
    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>Several photos of called students, in number order.</summary>
    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    /// <summary>The last upload's outcome, or null.</summary>
    public ShotResult? Shot { get; private set; }

    /// <summary>The outcomes of several photos, by number.</summary>
    public IReadOnlyList<(int Number, ShotResult Result)> Shots { get; private set; } = [];

    /// <summary>A message, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>A confirmation, or null.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the station.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>叫号.</summary>
    public async Task<IActionResult> OnPostCallAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var board = await station.CallNextAsync(Session, Shown, cancellationToken);
        Info = board.Called == Shown ? localizer["Station.NobodyWaiting"] : localizer["Station.Calling.Now", board.Called];
        return RedirectToPage(new { id });
    }

    /// <summary>过号.</summary>
    public async Task<IActionResult> OnPostMissAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await station.MissAsync(Session, Campaign, Number, cancellationToken);
        Info = localizer[Campaign.MissedGoesToEnd ? "Station.MissedToEnd" : "Station.MissedRescan", Number];
        return RedirectToPage(new { id });
    }

    /// <summary>The called student's photo.</summary>
    public async Task<IActionResult> OnPostShootAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (UploadLimitAttribute.IsExceeded(HttpContext) || Photo is not { Length: > 0 } || Photo.Length > CollectionFlow.MaxUploadBytes)
        {
            Error = localizer[Photo is { Length: > 0 } || UploadLimitAttribute.IsExceeded(HttpContext) ? "Collect.Capture.TooLarge" : "Collect.Capture.Nothing", CollectionFlow.MaxUploadBytes / 1024 / 1024];
            return Page();
        }

        Shot = await station.ShootAsync(Session, Campaign, Number, await Photo.ReadAllBytesAsync(cancellationToken), cancellationToken);
        if (Shot.Problem is null)
        {
            Info = localizer["Station.Sent", Number];
            return RedirectToPage(new { id });
        }

        Error = Shot.Problem switch
        {
            "not_called" => localizer["Station.NotCalled", Number],
            "busy" => localizer["Collect.Capture.busy"],
            "not_an_image" => localizer["Collect.Capture.not_an_image"],
            _ when Shot.Photo is { Passed: false } => localizer["Station.Retake", Number],
            _ => localizer["Station.Failed"],
        };
        Board = await station.BoardAsync(Session, cancellationToken);
        return Page();
    }

    /// <summary>Several photos at once: to the called numbers not yet photographed, in number order.</summary>
    public async Task<IActionResult> OnPostShootSeveralAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (UploadLimitAttribute.IsExceeded(HttpContext) || Photos.Count == 0 || Photos.Any(p => p.Length is 0 or > CollectionFlow.MaxUploadBytes))
        {
            Error = localizer[Photos.Count == 0 && !UploadLimitAttribute.IsExceeded(HttpContext) ? "Collect.Capture.Nothing" : "Station.BatchTooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024, MaxBatchBytes / 1024 / 1024];
            return Page();
        }

        var bytes = new List<byte[]>();
        foreach (var file in Photos)
        {
            bytes.Add(await file.ReadAllBytesAsync(cancellationToken));
        }

        Shots = await station.ShootSeveralAsync(Session, Campaign, bytes, cancellationToken);
        var sent = Shots.Count(s => s.Result.Problem is null);
        if (sent == Shots.Count && sent == bytes.Count)
        {
            Info = localizer["Station.SentSeveral", sent, string.Join("、", Shots.Select(s => s.Number))];
            return RedirectToPage(new { id });
        }

        Error = localizer["Station.SomeNotSent", sent, bytes.Count];
        Board = await station.BoardAsync(Session, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await station.SessionAsync(id, cancellationToken) is not { } found)
        {
            return false;
        }

        (Session, Campaign) = found;
        Board = await station.BoardAsync(Session, cancellationToken);
        return true;
    }
}
