using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Collection;

namespace Photocollect.Web.Pages.Student;

/// <summary>加洗照片: more prints of a completed photo, priced per set by the school; ordering makes a 待支付 order.</summary>
public sealed class ReprintsModel(Reprints reprints) : PageModel
{
    /// <summary>The photos that can be reprinted.</summary>
    public IReadOnlyList<ReprintOption> Options { get; private set; } = [];

    /// <summary>The completed order whose photo to reprint.</summary>
    [BindProperty]
    public Guid Source { get; set; }

    /// <summary>Sets of prints.</summary>
    [BindProperty]
    public int Copies { get; set; } = 1;

    /// <summary>The new order's id, made when each form is shown, so a repeated submit gives one order.</summary>
    [BindProperty]
    public Guid RequestId { get; set; }

    /// <summary>A problem code to show, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>A path inside the school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Lists the photos.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Orders reprints.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = RequestId == Guid.Empty
            ? new ReprintResult(null, "not_found")
            : await reprints.OrderAsync(AccountId, RequestId, Source, Copies, cancellationToken);
        if (result.Order is { } order)
        {
            return Redirect(Href($"/orders/{order.Id}"));
        }

        Problem = result.Problem;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Guid AccountId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private async Task LoadAsync(CancellationToken cancellationToken) => Options = await reprints.OptionsAsync(AccountId, cancellationToken);
}
