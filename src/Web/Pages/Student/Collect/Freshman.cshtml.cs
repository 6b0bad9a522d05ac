using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// 新生照片上传: a freshman has no collection code yet, so the record comes from the school's roster: name and
/// student number, plus what the campaign asks (ID number's last four or the feature code). Then the same standards,
/// capture, check and submit steps as graduates, under <c>/freshman/…</c>.
/// </summary>
public sealed class FreshmanModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : VerificationPage(flow, localizer)
{
    /// <summary>Shows the form, or moves on when the student is further along.</summary>
    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken);

    /// <summary>Verifies against the roster.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(StudentNumber))
        {
            Error = Text["Freshman.Missing"];
            return Page();
        }

        if (!TryPhone(Phone, out var phone))
        {
            return Page();
        }

        var result = await Flow.VerifyFromRosterAsync(AccountId, AccountPhone, Campaign!, Entered(phone), cancellationToken);
        return Answer(result, $"Freshman.Wrong.{Campaign!.Verification}");
    }
}
