using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Students;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>拍摄标准: the photo standard, ticked before the camera opens.</summary>
public sealed class StandardsModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>我已阅读并理解拍摄标准.</summary>
    [BindProperty]
    public bool Understood { get; set; }

    /// <summary>Shows the standard.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        var state = await Flow.StateAsync(AccountId, Campaign!, cancellationToken);
        return state.Step == StudentStep.NeedsRecord ? Go(Root) : Page();
    }

    /// <summary>Ticked: on to the camera.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        if (!Understood)
        {
            Error = Text["Collect.Standards.Tick"];
            return Page();
        }

        var state = await Flow.AcknowledgeStandardsAsync(AccountId, Campaign!, cancellationToken);
        return state.Step == StudentStep.NeedsRecord ? Go(Root) : Go(Root + "/capture");
    }
}
