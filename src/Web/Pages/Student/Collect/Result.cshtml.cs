using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>The automatic check's result: each failed check with its fix and a reshoot, or 初审合格 with the
/// admission-photo comparison, the standard photo and the submit.</summary>
public sealed class ResultModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>The photo.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The photo row.</summary>
    public Photo? Photo { get; private set; }

    /// <summary>The checks, failed first.</summary>
    public IReadOnlyList<CheckView> Checks { get; private set; } = [];

    /// <summary>The upload with what the check measured drawn over it.</summary>
    public MarkedPhoto Marked { get; private set; } = null!;

    /// <summary>Confirmation ticked.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>Shows the result.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Submits the photo (makes the order, or sends a reshoot back to review).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await OpenAsync(cancellationToken))
        {
            return Page();
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!Confirmed)
        {
            Error = Text["Collect.Result.Confirm"];
            return Page();
        }

        var result = await Flow.SubmitAsync(AccountId, Campaign!, Id, cancellationToken);
        if (result.Order is { } order)
        {
            return Go($"/orders/{order.Id}");
        }

        Error = Text[$"Collect.Result.{result.Problem}"];
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Photo = await Flow.PhotoAsync(AccountId, Id, cancellationToken);
        if (Photo is null)
        {
            return false;
        }

        Checks = CheckViews.From(StoredChecks.Read(Photo.Checks), Text);
        Marked = new MarkedPhoto(
            Href($"/collect/photo/{Photo.Id}/preview"),
            StoredMarks.Read(Photo.Marks),
            Checks.Where(c => c.Failed).Select(c => c.Name).ToHashSet(),
            Text["Collect.Result.Upload"]);
        return true;
    }
}
