using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Registry;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>The record the code resolved to (ID number masked) and the verification the campaign asks for.</summary>
public sealed class VerifyModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : VerificationPage(flow, localizer)
{
    /// <summary>The record waiting for verification.</summary>
    public RegistryRecord? Record { get; private set; }

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

        if (!TryPhone(Phone, out var phone))
        {
            return Page();
        }

        var result = await Flow.VerifyAsync(AccountId, AccountPhone, Campaign!, Entered(phone), cancellationToken);
        return Answer(result, $"Collect.Verify.Wrong.{Campaign!.Verification}");
    }
}
