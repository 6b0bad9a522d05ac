using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Students;
using Photocollect.Web.Accounts;
using Photocollect.Web.Collection;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// 新生照片上传: a freshman has no collection code yet, so the record comes from the school's roster: name and
/// student number, plus what the campaign asks (ID number's last four or the feature code). Then the same standards,
/// capture, check and submit steps as graduates, under <c>/freshman/…</c>.
/// </summary>
public sealed class FreshmanModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Student number.</summary>
    [BindProperty]
    public string? StudentNumber { get; set; }

    /// <summary>ID number's last four.</summary>
    [BindProperty]
    public string? IdLastFour { get; set; }

    /// <summary>Feature code (特征码).</summary>
    [BindProperty]
    public string? FeatureCode { get; set; }

    /// <summary>Phone for notifications.</summary>
    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>The account's phone, masked.</summary>
    public string MaskedPhone => PhoneNumber.Mask(AccountPhone);

    /// <summary>Shows the form, or moves on when the student is further along.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        var state = await Flow.StateAsync(AccountId, Campaign!, cancellationToken);
        return state.Step switch
        {
            StudentStep.Ordered => Go("/orders"),
            StudentStep.ReadyToShoot or StudentStep.PhotoPassed => Go(Root + "/capture"),
            StudentStep.Verified => Go(Root + "/standards"),
            _ => Page(),
        };
    }

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

        var phone = string.IsNullOrWhiteSpace(Phone) ? null : PhoneNumber.Normalise(Phone);
        if (!string.IsNullOrWhiteSpace(Phone) && phone is null)
        {
            Error = Text["Collect.Verify.BadPhone"];
            return Page();
        }

        var result = await Flow.VerifyFromRosterAsync(AccountId, AccountPhone, Campaign!, new VerifyInput(FeatureCode, IdLastFour, Name, StudentNumber, phone), cancellationToken);
        switch (result.Problem)
        {
            case null:
                return Go(Root + "/standards");
            case VerifyProblem.LevelNotOffered:
                return Go($"{Root}/unable?reason={result.Problem}");
            case VerifyProblem.Wrong:
                Error = Text[$"Freshman.Wrong.{Campaign!.Verification}", result.RemainingAttempts, Campaign.SupportPhone];
                return Page();
            case VerifyProblem.Locked:
                Error = Text["Collect.Verify.Locked", Formats.ChinaTime(result.LockedUntil), Campaign!.SupportPhone];
                return Page();
            default:
                Error = Text[$"Collect.Verify.{result.Problem}", Campaign!.SupportPhone];
                return Page();
        }
    }
}
