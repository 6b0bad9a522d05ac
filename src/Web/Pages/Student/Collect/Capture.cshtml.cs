using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Students;
using Photocollect.Collection;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>拍摄照片: the live camera with a guide where the browser allows it, or the phone's camera through a file
/// input; the upload is checked at once and the result page says what to fix.</summary>
[UploadLimit(CollectionFlow.MaxUploadBytes)]
public sealed class CaptureModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The photo.</summary>
    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>Photos checked so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Shows the camera.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        var state = await Flow.StateAsync(AccountId, Campaign!, cancellationToken);
        Attempts = state.CheckAttempts;
        return state.Step switch
        {
            StudentStep.NeedsRecord => Go(Root),
            StudentStep.Verified => Go(Root + "/standards"),
            _ => Page(),
        };
    }

    /// <summary>Checks the photo.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        if (UploadLimitAttribute.IsExceeded(HttpContext) || Photo?.Length > CollectionFlow.MaxUploadBytes)
        {
            Error = Text["Collect.Capture.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024];
            return Page();
        }

        if (Photo is not { Length: > 0 })
        {
            Error = Text["Collect.Capture.Nothing"];
            return Page();
        }

        using var buffer = new MemoryStream();
        await Photo.CopyToAsync(buffer, cancellationToken);
        var result = await Flow.CheckPhotoAsync(AccountId, Campaign!, buffer.ToArray(), cancellationToken: cancellationToken);
        switch (result.Problem)
        {
            case null:
                return Go($"{Root}/result/{result.Photo!.Id}");
            case "no_record":
                return Go(Root);
            case "busy":
                Busy();
                Error = Text["Collect.Capture.busy"];
                return Page();
            default:
                Error = Text[$"Collect.Capture.{result.Problem}"];
                return Page();
        }
    }
}
