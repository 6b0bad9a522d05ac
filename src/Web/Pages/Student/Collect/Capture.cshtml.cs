using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Students;
using Photocollect.Collection;
using Photocollect.Vision;
using Photocollect.Web.Api;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// 拍摄照片: the live camera with a guide where the browser allows it, or the phone's camera through a file input; the
/// upload is checked at once and the result page says what to fix. While the live camera runs, the page posts a small
/// frame about twice a second to <see cref="OnPostFrameAsync"/>, which says whether the face is inside the guide and
/// the right size (<see cref="FramingGuide"/>); the check after the shutter still decides.
/// </summary>
[UploadLimit(CollectionFlow.MaxUploadBytes)]
public sealed class CaptureModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The photo.</summary>
    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>Photos checked so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// The camera the live preview asks for: the rear one (<c>environment</c>) when the campaign advises having someone
    /// else take the photo, else the front one (<c>user</c>), which a student alone can see themselves in.
    /// </summary>
    public string Facing => Campaign?.RearCameraHint == false ? "user" : "environment";

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

    /// <summary>
    /// Judges one live preview frame: the body is a small JPEG or PNG (at most <see cref="FramingGuide.MaxFrameBytes"/>,
    /// <see cref="FramingGuide.MaxFrameSide"/> px a side), the anti-forgery token comes in the
    /// <c>RequestVerificationToken</c> header. Answers JSON: <c>framing</c> (<c>good</c>, <c>too_small</c>,
    /// <c>too_large</c>, <c>outside</c>, <c>no_face</c>, <c>several_faces</c>), <c>face</c> (the largest face's box as
    /// fractions of the frame, or null), <c>faces</c> and <c>ms</c> (the vision worker's time). Refusals are problems
    /// with a <c>code</c>: 409 <c>closed</c>, <c>no_record</c> or <c>no_consent</c>; 413 <c>too_large</c>; 422
    /// <c>not_an_image</c>; 429 <c>too_many</c>; 503 <c>busy</c> (no vision worker idle: uploads come first). Signed-out
    /// callers get 401 and other schools' students 403, as problems too when they ask for JSON.
    /// </summary>
    public async Task<IActionResult> OnPostFrameAsync([FromServices] FrameThrottle throttle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(throttle);
        if (Request.ContentLength > FramingGuide.MaxFrameBytes)
        {
            return await FrameProblemAsync(StatusCodes.Status413PayloadTooLarge, "too_large");
        }

        if (!throttle.TryTake(AccountId))
        {
            Response.Headers.RetryAfter = "1";
            return await FrameProblemAsync(StatusCodes.Status429TooManyRequests, "too_many");
        }

        if (!await OpenAsync(cancellationToken))
        {
            return await FrameProblemAsync(StatusCodes.Status409Conflict, "closed");
        }

        // A chunked body declares no length: read one byte past the limit to know.
        var frame = await ReadAtMostAsync(Request.Body, FramingGuide.MaxFrameBytes + 1, cancellationToken);
        if (frame.Length > FramingGuide.MaxFrameBytes)
        {
            return await FrameProblemAsync(StatusCodes.Status413PayloadTooLarge, "too_large");
        }

        var result = await Flow.JudgeFrameAsync(AccountId, Campaign!, frame, cancellationToken);
        switch (result.Problem)
        {
            case null:
                var v = result.Verdict!;
                Response.Headers.CacheControl = "no-store";
                return new JsonResult(new
                {
                    framing = JsonNamingPolicy.SnakeCaseLower.ConvertName(v.Framing.ToString()),
                    face = v.Face is { } f ? new { x = f.X, y = f.Y, width = f.Width, height = f.Height } : null,
                    faces = v.Faces,
                    ms = Math.Round(result.Spent.TotalMilliseconds, 1),
                });
            case "busy":
                Response.Headers.RetryAfter = "2";
                return await FrameProblemAsync(StatusCodes.Status503ServiceUnavailable, "busy");
            case "too_large":
                return await FrameProblemAsync(StatusCodes.Status413PayloadTooLarge, "too_large");
            case "not_an_image":
                return await FrameProblemAsync(StatusCodes.Status422UnprocessableEntity, "not_an_image");
            default:
                return await FrameProblemAsync(StatusCodes.Status409Conflict, result.Problem);
        }
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

        var result = await Flow.CheckPhotoAsync(AccountId, Campaign!, await Photo.ReadAllBytesAsync(cancellationToken), cancellationToken: cancellationToken);
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

    private async Task<IActionResult> FrameProblemAsync(int status, string code)
    {
        await ApiProblems.WriteAsync(HttpContext, status, code, Text[$"Collect.Frame.{code}"]);
        return new EmptyResult();
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[limit];
        var read = 0;
        int n;
        while (read < limit && (n = await body.ReadAsync(buffer.AsMemory(read, limit - read), cancellationToken)) > 0)
        {
            read += n;
        }

        return buffer[..read];
    }
}
