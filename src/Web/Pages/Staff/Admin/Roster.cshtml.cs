using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Collection;
using Photocollect.Web.Infrastructure;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>The school's roster: CSV import with a report by line (all or nothing), and the count on file.</summary>
[Authorize(Roles = Roles.SchoolAdmin)]
[UploadLimit(RosterImport.MaxBytes)]
public sealed class RosterModel(AppDbContext db, RosterImport import, CollectionFlow flow, AuditTrail audit) : PageModel
{
    /// <summary>The file.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>Students on file.</summary>
    public int Count { get; private set; }

    /// <summary>The last import's report.</summary>
    public RosterReport? Report { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => Count = await db.Roster.CountAsync(cancellationToken);

    /// <summary>Imports.</summary>
    public async Task OnPostAsync(CancellationToken cancellationToken)
    {
        byte[] bytes = [];
        if (Upload is { Length: > 0 and <= RosterImport.MaxBytes })
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }
        else if (Upload is { Length: > RosterImport.MaxBytes } || UploadLimitAttribute.IsExceeded(HttpContext))
        {
            bytes = new byte[RosterImport.MaxBytes + 1];
        }

        var campaign = await flow.CampaignAsync(CampaignKind.Graduation, cancellationToken);
        IReadOnlyCollection<string> levels = campaign?.Levels is { Count: > 0 } l ? l : ["专科", "本科", "硕士研究生", "博士研究生"];
        Report = await import.ImportAsync(bytes, levels, cancellationToken);
        if (Report.Imported)
        {
            await audit.RecordAsync(AuditActions.RosterImport, Upload?.FileName ?? "", new { rows = Report.Rows, created = Report.Created, updated = Report.Updated }, cancellationToken);
        }
        Count = await db.Roster.CountAsync(cancellationToken);
    }
}
