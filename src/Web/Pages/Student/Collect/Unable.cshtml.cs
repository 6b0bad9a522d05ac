using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>无法采集: the record is not on the school's roster (or its level is not collected); contact the school.</summary>
public sealed class UnableModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Why.</summary>
    [BindProperty(SupportsGet = true)]
    public string Reason { get; set; } = nameof(VerifyProblem.NotOnRoster);

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Reason is not (nameof(VerifyProblem.NotOnRoster) or nameof(VerifyProblem.LevelNotOffered)))
        {
            Reason = nameof(VerifyProblem.NotOnRoster);
        }

        await OpenAsync(cancellationToken);
    }
}
