using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Collection.Offline;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Offline;

/// <summary>现场采集: the photographer chooses a session (today's first) to open its station.</summary>
[Authorize(Roles = $"{Roles.Photographer},{Roles.SchoolAdmin}")]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Sessions from today on, with their campaign's name.</summary>
    public IReadOnlyList<(CollectionSession Session, string Campaign)> Sessions { get; private set; } = [];

    /// <summary>Today, in China.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = OnSiteFlow.ChinaDay(clock.GetUtcNow());
        var today = Today;
        var rows = await db.CollectionSessions.AsNoTracking().Where(s => s.Day >= today)
            .Join(db.Campaigns.AsNoTracking(), s => s.CampaignId, c => c.Id, (s, c) => new { Session = s, Campaign = c.Name })
            .OrderBy(r => r.Session.Day).ThenBy(r => r.Session.Place).Take(50).ToListAsync(cancellationToken);
        Sessions = [.. rows.Select(r => (r.Session, r.Campaign))];
    }
}
