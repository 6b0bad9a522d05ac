using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// The platform operator's console (平台运营), at the platform's own address: every school with its figures (students,
/// orders today, paid orders, review backlog over 48 hours), suspending and resuming a school (its pages then say so;
/// its data stays; both on the audit trail), and how many people's face images the platform holds against the
/// 100,000 at which a filing with the provincial authority is due (人脸识别技术应用安全管理办法).
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
public sealed class IndexModel(AppDbContext db, TenantContext tenant, AuditTrail audit, TimeProvider clock) : PageModel
{
    /// <summary>People whose face images, stored, call for the filing.</summary>
    public const int FilingThreshold = 100_000;

    /// <summary>One school's line.</summary>
    public sealed record SchoolLine(School School, int Students, int OrdersToday, int Paid, int LateReviews, int Faces);

    /// <summary>The schools.</summary>
    public IReadOnlyList<SchoolLine> Schools { get; private set; } = [];

    /// <summary>Distinct people (records) with a face image stored now, all schools.</summary>
    public int Faces { get; private set; }

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

        var now = clock.GetUtcNow();
        var dayStart = new DateTimeOffset(now.ToOffset(TimeSpan.FromHours(8)).Date, TimeSpan.FromHours(8)).ToUniversalTime();
        var late = now - TimeSpan.FromHours(48);
        var orders = db.Orders.IgnoreQueryFilters().AsNoTracking().Where(o => o.Kind != OrderKind.Reprint);
        // A person's face: a photo of theirs with a file still stored (the upload or its standard photo), or their
        // admission photo. The retention purge and students' erasures delete them, and the figure drops with them.
        var withFaces = db.StudentRecords.IgnoreQueryFilters().AsNoTracking().Where(r =>
            db.Photos.IgnoreQueryFilters().Any(p => p.RecordId == r.Id
                && db.PhotoFiles.IgnoreQueryFilters().Any(f => f.PhotoId == p.Id && (f.Source != null || f.Standard != null)))
            || db.AdmissionPhotos.IgnoreQueryFilters().Any(a => a.RecordId == r.Id));
        var students = await db.StudentRecords.IgnoreQueryFilters().GroupBy(r => r.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var today = await orders.Where(o => o.CreatedAt >= dayStart).GroupBy(o => o.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var paid = await orders.Where(o => o.Status != OrderStatus.PendingPayment && o.Status != OrderStatus.Closed && o.Status != OrderStatus.Refunded)
            .GroupBy(o => o.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var lateReviews = await orders.Where(o => o.Status == OrderStatus.PendingReview && o.UpdatedAt < late)
            .GroupBy(o => o.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var faces = await withFaces.GroupBy(r => r.TenantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(cancellationToken);
        Schools = [.. schools.Select(s => new SchoolLine(s, students.GetValueOrDefault(s.Id), today.GetValueOrDefault(s.Id), paid.GetValueOrDefault(s.Id),
            lateReviews.GetValueOrDefault(s.Id), faces.GetValueOrDefault(s.Id)))];
        Faces = faces.Values.Sum();
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
            await audit.RecordAsync(status == SchoolStatus.Suspended ? AuditActions.SchoolSuspended : AuditActions.SchoolResumed, found.Slug, new { name = found.DisplayName }, cancellationToken);
        }

        Info = $"{found.DisplayName}: {status}";
        return RedirectToPage();
    }
}
