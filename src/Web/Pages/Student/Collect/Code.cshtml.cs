using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>添加采集信息: the collection code from a camera photo, an album screenshot, or its text.</summary>
[UploadLimit(CollectionFlow.MaxUploadBytes)]
public sealed class CodeModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The picture of the code.</summary>
    [BindProperty]
    public IFormFile? Picture { get; set; }

    /// <summary>The code photographed with the camera.</summary>
    [BindProperty]
    public IFormFile? CameraPicture { get; set; }

    /// <summary>The code's text (pasted).</summary>
    [BindProperty]
    public string? CodeText { get; set; }

    /// <summary>Shows the page, or moves on when the student is further along.</summary>
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);

    /// <summary>Reads the code.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        byte[]? bytes = null;
        var picture = Picture is { Length: > 0 } ? Picture : CameraPicture;
        if (UploadLimitAttribute.IsExceeded(HttpContext) || picture?.Length > CollectionFlow.MaxUploadBytes)
        {
            Error = Text["Collect.Code.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024];
            return Page();
        }

        if (picture is { Length: > 0 })
        {
            bytes = await picture.ReadAllBytesAsync(cancellationToken);
        }
        else if (string.IsNullOrWhiteSpace(CodeText))
        {
            Error = Text["Collect.Code.Nothing"];
            return Page();
        }

        var result = await Flow.ReadCodeAsync(AccountId, Campaign!, bytes, CodeText, cancellationToken);
        if (result.Problem is { } problem)
        {
            if (problem == CodeProblem.Busy)
            {
                Busy();
            }

            Error = Text[$"Collect.Code.{problem}"];
            return Page();
        }

        return Go(Root + "/verify");
    }
}
