using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Web.Accounts;
using Photocollect.Web.Collection;
using Photocollect.Web.Registry;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>The record the code resolved to (ID number masked) and the verification the campaign asks for.</summary>
public sealed class VerifyModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The record waiting for verification.</summary>
    public RegistryRecord? Record { get; private set; }

    /// <summary>Feature code (特征码).</summary>
    [BindProperty]
    public string? FeatureCode { get; set; }

    /// <summary>ID number's last four.</summary>
    [BindProperty]
    public string? IdLastFour { get; set; }

    /// <summary>Name (roster mode).</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>Student number (roster mode).</summary>
    [BindProperty]
    public string? StudentNumber { get; set; }

    /// <summary>Phone for notifications.</summary>
    [BindProperty]
    public string? Phone { get; set; }

    /// <summary>The account's phone, masked.</summary>
    public string MaskedPhone => PhoneNumber.Mask(AccountPhone);

    /// <summary>Shows the record.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        Record = await Flow.PendingRecordAsync(AccountId, Campaign!, cancellationToken);
        return Record is null ? Go(Root) : Page();
    }

    /// <summary>Verifies.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        Record = await Flow.PendingRecordAsync(AccountId, Campaign!, cancellationToken);
        if (Record is null)
        {
            return Go(Root);
        }

        var phone = string.IsNullOrWhiteSpace(Phone) ? null : PhoneNumber.Normalise(Phone);
        if (!string.IsNullOrWhiteSpace(Phone) && phone is null)
        {
            Error = Text["Collect.Verify.BadPhone"];
            return Page();
        }

        var result = await Flow.VerifyAsync(AccountId, AccountPhone, Campaign!, new VerifyInput(FeatureCode, IdLastFour, Name, StudentNumber, phone), cancellationToken);
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
                Error = Text[$"Collect.Verify.Wrong.{Campaign!.Verification}", result.RemainingAttempts];
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
