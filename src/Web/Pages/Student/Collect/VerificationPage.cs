using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// What the two verification forms share (the graduate's, after the code; the freshman's, against the roster): the
/// fields the campaign may ask for, the notification phone, and the answer to a verification.
/// </summary>
public abstract class VerificationPage(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>Feature code (特征码).</summary>
    [BindProperty]
    public string? FeatureCode { get; set; }

    /// <summary>ID number's last four.</summary>
    [BindProperty]
    public string? IdLastFour { get; set; }

    /// <summary>Name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Student number.</summary>
    [BindProperty]
    public string? StudentNumber { get; set; }

    /// <summary>Phone for notifications.</summary>
    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>The account's phone, masked.</summary>
    public string MaskedPhone => PhoneNumber.Mask(AccountPhone);

    /// <summary>What was entered, with the phone normalised.</summary>
    protected VerifyInput Entered(string? phone) => new(FeatureCode, IdLastFour, Name, StudentNumber, phone);

    /// <summary>
    /// The page's answer to a verification: on to the standards, 无法采集, or the page again with what went wrong
    /// (<paramref name="wrongKey"/> names the "wrong entry" text, given the attempts left and the support phone).
    /// </summary>
    protected IActionResult Answer(VerifyResult result, string wrongKey)
    {
        ArgumentNullException.ThrowIfNull(result);
        switch (result.Problem)
        {
            case null:
                return Go(Root + "/standards");
            case VerifyProblem.NotOnRoster:
            case VerifyProblem.LevelNotOffered:
                return Go($"{Root}/unable?reason={result.Problem}");
            case VerifyProblem.NoPendingRecord:
                return Go(Root);
            case VerifyProblem.Wrong:
                Error = Text[wrongKey, result.RemainingAttempts, Campaign!.SupportPhone];
                return Page();
            case VerifyProblem.Locked:
                Error = Text["Collect.Verify.Locked", Formats.ChinaTime(result.LockedUntil), Campaign!.SupportPhone];
                return Page();
            default:
                Error = Text[$"Collect.Verify.{result.Problem}", Campaign!.SupportPhone];
                return Page();
        }
    }

    /// <summary>The phone typed for notifications, normalised; false (with <see cref="Error"/> set) when it is not a phone number.</summary>
    protected bool TryPhone(string? typed, out string? phone)
    {
        phone = string.IsNullOrWhiteSpace(typed) ? null : PhoneNumber.Normalise(typed);
        if (string.IsNullOrWhiteSpace(typed) || phone is not null)
        {
            return true;
        }

        Error = Text["Collect.Verify.BadPhone"];
        return false;
    }
}
