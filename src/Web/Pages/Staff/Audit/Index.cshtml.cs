using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.Audit;

/// <summary>
/// The audit trail (操作日志): a school admin sees the school's, the platform operator everyone's (at the platform's
/// own address); filtered by person, action and period (China dates), newest first, 100 a page, exportable as CSV
/// (the export is itself on the trail).
/// </summary>
[Authorize(Roles = $"{Roles.SchoolAdmin},{Roles.PlatformOperator}")]
public sealed class IndexModel(AppDbContext db, TenantContext tenant, ExportLog log, AuditTrail audit) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 100;

    /// <summary>Part of the name (e-mail) of who acted.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    /// <summary>One action, or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    /// <summary>First day (yyyy-MM-dd, China), or empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd, China), or empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Page number, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of events.</summary>
    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    /// <summary>How many match.</summary>
    public int Total { get; private set; }

    /// <summary>School names by id (the operator's view), for the school column.</summary>
    public IReadOnlyDictionary<Guid, string> Schools { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>True on the platform: every school's events.</summary>
    public bool Platform => tenant.Kind == TenantScopeKind.Platform;

    /// <summary>A problem with the period (resource key).</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the trail.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        var events = Filtered();
        Total = await events.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        Events = await events.OrderByDescending(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        if (Platform)
        {
            Schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        }

        return Page();
    }

    /// <summary>Every matching event as CSV (UTF-8 with BOM).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        var rows = await Filtered().OrderBy(e => e.Id).Take(100_000).ToListAsync(cancellationToken);
        var table = new Table("操作日志", ["时间", "学校", "账号", "角色", "地址", "操作", "对象", "详情"],
            [.. rows.Select(e => (IReadOnlyList<string>)[Text.Formats.ChinaTime(e.At), e.TenantId?.ToString() ?? "platform", e.Who, e.Roles, e.Address, e.Action, e.Subject, e.Details ?? ""])]);
        if (Platform)
        {
            // The export register is per school; the operator's export of every school's trail is on the trail itself.
            await audit.RecordAsync(AuditActions.Export, $"audit-csv: {From}…{To}", new { records = rows.Count }, cancellationToken);
        }
        else
        {
            await log.RecordAsync(Requesters.Staff(HttpContext), "audit-csv", $"{From}…{To}", rows.Count, cancellationToken);
        }

        var output = new MemoryStream();
        await table.WriteCsvAsync(output, cancellationToken);
        output.Position = 0;
        return File(output, "text/csv; charset=utf-8", $"audit-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.csv");
    }

    /// <summary>A link to this view with another page.</summary>
    public string Link(int page) =>
        $"{Request.PathBase}/staff/audit?Who={Uri.EscapeDataString(Who ?? "")}&Action={Uri.EscapeDataString(Action ?? "")}&From={Uri.EscapeDataString(From ?? "")}&To={Uri.EscapeDataString(To ?? "")}&p={page}";

    // The school admin in the school, the operator on the platform.
    private bool Allowed() => Platform ? User.IsInRole(Roles.PlatformOperator) : User.IsInRole(Roles.SchoolAdmin);

    private IQueryable<AuditEvent> Filtered()
    {
        // In a school the tenant filter keeps its rows only; on the platform the operator sees every school's.
        var events = Platform ? db.AuditEvents.IgnoreQueryFilters().AsNoTracking() : db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            var who = Who.Trim();
            events = events.Where(e => e.Who.Contains(who));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            events = events.Where(e => e.Action == Action);
        }

        var (from, to) = (Day(From), Day(To));
        if ((!string.IsNullOrWhiteSpace(From) && from is null) || (!string.IsNullOrWhiteSpace(To) && to is null) || from > to)
        {
            Problem = "Audit.Error.Period";
            return events;
        }

        if (from is { } start)
        {
            events = events.Where(e => e.At >= start);
        }

        if (to is { } end)
        {
            var next = end.AddDays(1);
            events = events.Where(e => e.At < next);
        }

        return events;
    }

    private static DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime()
            : null;
}
