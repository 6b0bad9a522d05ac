using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// The rejection reasons reviewers choose from, each with the fix the student is shown: edit, reorder, add, retire.
/// A reason is never deleted (old rejections keep showing it); retired ones are hidden from reviewers.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class ReasonsModel(AppDbContext db) : PageModel
{
    /// <summary>Longest title.</summary>
    public const int MaxTitle = 100;

    /// <summary>Longest fix text.</summary>
    public const int MaxFix = 300;

    /// <summary>The reasons, in the reviewer's order, retired last.</summary>
    public IReadOnlyList<RejectReason> Reasons { get; private set; } = [];

    /// <summary>The reason being saved (null for a new one).</summary>
    [BindProperty]
    public Guid? Id { get; set; }

    /// <summary>Title.</summary>
    [BindProperty]
    public string? Title { get; set; }

    /// <summary>Fix text.</summary>
    [BindProperty]
    public string? Fix { get; set; }

    /// <summary>Place in the list (1 first).</summary>
    [BindProperty]
    public int Position { get; set; }

    /// <summary>Hidden from reviewers.</summary>
    [BindProperty]
    public bool Retired { get; set; }

    /// <summary>A problem (resource key) and the reason it is about.</summary>
    public (string Key, Guid? Id)? Problem { get; private set; }

    /// <summary>Saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Saves one reason, or adds a new one.</summary>
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        var title = Title?.Trim() ?? "";
        var fix = Fix?.Trim() ?? "";
        var problem = title.Length is 0 or > MaxTitle ? "Reasons.Error.Title"
            : fix.Length is 0 or > MaxFix ? "Reasons.Error.Fix"
            : await db.RejectReasons.AnyAsync(r => r.Id != Id && r.Title == title, cancellationToken) ? "Reasons.Error.Duplicate"
            : null;
        var row = Id is { } id ? await db.RejectReasons.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        if (Id is not null && row is null)
        {
            problem = "Reasons.Error.Gone";
        }

        if (problem is not null)
        {
            Problem = (problem, Id);
            await LoadAsync(cancellationToken);
            return;
        }

        if (row is null)
        {
            row = new RejectReason { Id = Guid.CreateVersion7(), Code = "custom-" + Guid.NewGuid().ToString("N")[..12], Title = title, Fix = fix };
            row.Position = await db.RejectReasons.Select(r => (int?)r.Position).MaxAsync(cancellationToken) + 1 ?? 1;
            db.RejectReasons.Add(row);
        }
        else
        {
            row.Position = Math.Max(1, Position);
            row.Retired = Retired;
        }

        row.Title = title;
        row.Fix = fix;
        await db.SaveChangesAsync(cancellationToken);
        Saved = true;
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Reasons = await db.RejectReasons.AsNoTracking().OrderBy(r => r.Retired).ThenBy(r => r.Position).ThenBy(r => r.Title).ToListAsync(cancellationToken);
}
