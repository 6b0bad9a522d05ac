using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Collection.Registry;

namespace Photocollect.Web.Pages.Dev;

/// <summary>
/// Development only: the registry simulator's collection codes for the school's roster students, as QR codes to
/// save as screenshots (what a student would fetch from CHSI), with each student's ID last four (for the freshman
/// upload, which verifies against the roster).
/// </summary>
public sealed class CodesModel(AppDbContext db, TenantContext tenant, SimulatedStudentRegistry simulator) : PageModel
{
    /// <summary>One student's code.</summary>
    public sealed record Row(string StudentNumber, string Name, string Level, string IdLastFour, string Code, string QrDataUri);

    /// <summary>The codes.</summary>
    public IReadOnlyList<Row> Codes { get; private set; } = [];

    /// <summary>Issues a fresh code per roster student.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.School is not { } school)
        {
            return NotFound();
        }

        var roster = await db.Roster.AsNoTracking().OrderBy(r => r.StudentNumber).Take(50).ToListAsync(cancellationToken);
        Codes = roster.Select(r =>
        {
            var code = simulator.IssueCode(school.SchoolCode, r.StudentNumber);
            return new Row(r.StudentNumber, r.Name, r.Level, r.IdLastFour, code, "data:image/png;base64," + Convert.ToBase64String(CodeImages.Png(code, 5)));
        }).ToList();
        return Page();
    }
}
