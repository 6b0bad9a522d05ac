using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Data.Tenancy;
using Photocollect.Tenancy;
using Photocollect.Web.Platform;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// The platform operator's console (平台运营), at the platform's own address: every school with its figures
/// (<see cref="PlatformFigures"/>: active campaigns, students, orders, money received and refunded, the review backlog
/// against 48 hours, payment providers' errors), the last 30 days' students and orders, the payments job's steps,
/// suspending and resuming a school (its pages then say so; its data stays; both on the audit trail), and how many
/// people's face images the platform holds against the 100,000 at which a filing with the provincial authority is due
/// (人脸识别技术应用安全管理办法).
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
public sealed class IndexModel(AppDbContext db, TenantContext tenant, AuditTrail audit, PlatformFigures figures, SchoolDirectory schools) : PageModel
{
    /// <summary>People whose face images, stored, call for the filing.</summary>
    public const int FilingThreshold = 100_000;

    /// <summary>The figures.</summary>
    public PlatformFigures.View Figures { get; private set; } = new([], [], [], [], 0);

    /// <summary>The schools' lines.</summary>
    public IReadOnlyList<PlatformFigures.SchoolLine> Schools => Figures.Schools;

    /// <summary>Distinct people (records) with a face image stored now, all schools.</summary>
    public int Faces => Figures.Faces;

    /// <summary>A message after an action.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the console.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        Figures = await figures.ReadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Suspends or resumes a school.</summary>
    public async Task<IActionResult> OnPostStatusAsync(Guid school, SchoolStatus status, CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform || !Enum.IsDefined(status))
        {
            return NotFound();
        }

        var found = await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == school, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (found.Status != status)
        {
            await db.Schools.Where(s => s.Id == school).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status), cancellationToken);
            schools.Forget();
            await audit.RecordAsync(status == SchoolStatus.Suspended ? AuditActions.SchoolSuspended : AuditActions.SchoolResumed, found.Slug, new { name = found.DisplayName }, cancellationToken);
        }

        Info = $"{found.DisplayName}: {status}";
        return RedirectToPage();
    }
}
