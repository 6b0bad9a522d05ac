using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>The automatic check's result: each failed check with its fix and a reshoot, or 初审合格 with the
/// admission-photo comparison, the standard photo and the submit.</summary>
public sealed class ResultModel(CollectionFlow flow, IStringLocalizer<SharedResource> localizer) : CollectPage(flow, localizer)
{
    /// <summary>One failed check.</summary>
    public sealed record Failure(string Name, string Message);

    /// <summary>The photo.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The photo row.</summary>
    public Photo? Photo { get; private set; }

    /// <summary>Failed checks.</summary>
    public IReadOnlyList<Failure> Failures { get; private set; } = [];

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

        var checks = StoredChecks.Read(Photo.Checks);
        Failures = checks.Where(c => !c.Pass && !c.Skipped).Select(c => new Failure(c.Name, c.Message)).ToList();
        if (!Photo.Passed && Failures.Count == 0)
        {
            // Only skipped checks failed (no face, no wall): show their messages.
            Failures = checks.Where(c => !c.Pass).Select(c => new Failure(c.Name, c.Message)).Take(1).ToList();
        }

        return true;
    }
}
