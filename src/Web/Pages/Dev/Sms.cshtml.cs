using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Data;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Dev;

/// <summary>
/// Development only (<c>Photocollect:DevTools:Enabled</c>): the SMS the dev outbox "sent", newest first. Inside a
/// school it lists that school's messages; at the platform root, every school's.
/// </summary>
public sealed class SmsModel(AppDbContext db, TenantContext tenant) : PageModel
{
    /// <summary>One row.</summary>
    public sealed record Row(string Time, string School, string Phone, string Text);

    /// <summary>Newest 100.</summary>
    public IReadOnlyList<Row> Messages { get; private set; } = [];

    /// <summary>Shows the outbox.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = tenant.Kind == TenantScopeKind.Tenant
            ? db.SmsOutbox
            : db.SmsOutbox.IgnoreQueryFilters([TenantModelBuilderExtensions.FilterName]);
        var rows = await query
            .OrderByDescending(m => m.CreatedAt)
            .Take(100)
            .Join(db.Schools, m => m.TenantId, s => s.Id, (m, s) => new { m.CreatedAt, s.Slug, m.Phone, m.Text })
            .ToListAsync(cancellationToken);
        Messages = rows.Select(r => new Row(Formats.ChinaTime(r.CreatedAt), r.Slug, r.Phone, r.Text)).ToList();
    }
}
