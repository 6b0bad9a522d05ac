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

    /// <summary>同意处理人脸信息: the separate consent to the face image.</summary>
    [BindProperty]
    public bool FaceConsent { get; set; }

    /// <summary>The student declined the face consent: the page says what else they can do.</summary>
    public bool Declined { get; private set; }

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

        if (!FaceConsent)
        {
            Declined = true;
            return Page();
        }

        var state = await Flow.AcknowledgeStandardsAsync(AccountId, Campaign!, faceConsent: true, cancellationToken);
        return state.Step == StudentStep.NeedsRecord ? Go(Root) : Go(Root + "/capture");
    }
}
