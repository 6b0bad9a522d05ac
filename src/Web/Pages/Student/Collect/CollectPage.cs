using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Students;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// What every step of the online collection shares: the signed-in student, the school's campaign and its window.
/// The steps after verification serve both flows: <c>/collect/…</c> for graduates (with a collection code) and
/// <c>/freshman/…</c> for 新生照片上传; the <c>flow</c> route value says which. Outside the window a step shows the
/// window and what to do, and accepts nothing.
/// </summary>
public abstract class CollectPage(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The flow.</summary>
    protected CollectionFlow Flow => flow;

    /// <summary>Texts.</summary>
    protected IStringLocalizer<SharedResource> Text => localizer;

    /// <summary>The campaign, once loaded.</summary>
    public Campaign? Campaign { get; private set; }

    /// <summary>Why the step cannot be used now (no campaign, window not open or over), or null.</summary>
    public string? Closed { get; private set; }

    /// <summary>A problem to show, or null.</summary>
    public string? Error { get; protected set; }

    /// <summary>Freshman upload rather than graduation collection.</summary>
    public bool IsFreshman => RouteData.Values["flow"] as string == "freshman";

    /// <summary>The flow's first page, under which its steps live: <c>/collect</c> or <c>/freshman</c>.</summary>
    public string Root => IsFreshman ? "/freshman" : "/collect";

    /// <summary>The signed-in student's account id.</summary>
    protected Guid AccountId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    /// <summary>The student's phone.</summary>
    protected string AccountPhone => User.FindFirstValue(ClaimTypes.MobilePhone) ?? User.Identity?.Name ?? "";

    /// <summary>A path inside the school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Loads the campaign; false (with <see cref="Closed"/> set) when the step is not available now.</summary>
    protected async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        Campaign = await flow.CampaignAsync(IsFreshman ? CampaignKind.Freshman : CampaignKind.Graduation, cancellationToken);
        if (Campaign is null)
        {
            Closed = localizer[IsFreshman ? "Collect.NoFreshmanCampaign" : "Collect.NoCampaign"];
            return false;
        }

        Closed = localizer.Closed(Campaign, flow.Window(Campaign));
        return Closed is null;
    }

    /// <summary>
    /// Answers 503 with <c>Retry-After</c>: the vision queue was full and nothing was done with the upload. The page
    /// says so; the upload script sends the same file again after the pause.
    /// </summary>
    protected void Busy()
    {
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        var wait = HttpContext.RequestServices.GetRequiredService<VisionGate>().RetryAfter;
        Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Goes to another step of the flow.</summary>
    protected RedirectResult Go(string path) => Redirect(Href(path));

    /// <summary>The first step of a flow (the code, or the freshman form): shown, or skipped when the student is further along.</summary>
    protected async Task<IActionResult> StartAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        var state = await flow.StateAsync(AccountId, Campaign!, cancellationToken);
        return state.Step switch
        {
            StudentStep.Ordered => Go("/orders"),
            StudentStep.ReadyToShoot or StudentStep.PhotoPassed => Go(Root + "/capture"),
            StudentStep.Verified => Go(Root + "/standards"),
            _ => Page(),
        };
    }
}
