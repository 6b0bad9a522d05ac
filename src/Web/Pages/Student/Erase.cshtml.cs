using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Collection.Retention;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Student;

/// <summary>
/// 删除个人信息: the student erases their data at this school and closes their account (<see cref="PersonalData"/>).
/// The page says what goes and what stays, and asks for a ticked confirmation; with an order in progress it refuses and
/// says what to do instead. Done, the student is signed out and the page says so.
/// </summary>
public sealed class EraseModel(PersonalData personal, SignInManager<AppUser> signIn) : PageModel
{
    /// <summary>The ticked confirmation.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>Orders in progress, which stop the erasure.</summary>
    public IReadOnlyList<HeldOrder> InProgress { get; private set; } = [];

    /// <summary>The form came back without the confirmation ticked.</summary>
    public bool NotConfirmed { get; private set; }

    /// <summary>The data and the account are erased.</summary>
    public bool Erased { get; private set; }

    /// <summary>Shows what erasure does, or why it cannot be done now.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        InProgress = await personal.InProgressAsync(Account, cancellationToken);

    /// <summary>Erases, once confirmed and when no order is in progress.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Confirmed)
        {
            // Orders in progress are said first; only without them is the missing tick the problem.
            InProgress = await personal.InProgressAsync(Account, cancellationToken);
            NotConfirmed = InProgress.Count == 0;
            return Page();
        }

        // The erasure looks for orders in progress itself (under its own reads) and lists them when it refuses.
        var result = await personal.EraseAsync(Account, cancellationToken);
        InProgress = result.OrdersInProgress;
        if (result.Erased)
        {
            await signIn.SignOutAsync();
            Erased = true;
        }

        return Page();
    }

    private Guid Account => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
