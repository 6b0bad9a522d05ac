using Microsoft.AspNetCore.Authorization;
using Photocollect.Data;
using Photocollect.Delivery.Progress;

namespace Photocollect.Web.Pages.Staff.SchoolSide;

/// <summary>
/// The school admin's progress dashboard (采集进度) for one campaign: the funnel, the same by level, college, major and
/// class, the daily trend, rejection reasons, the review queue against 48 hours and the on-site sessions' load.
/// It refreshes itself every 15 seconds.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class ProgressModel(AppDbContext db, ProgressReport report, TimeProvider clock) : CampaignPageModel(db)
{
    /// <summary>The progress, or null when the school has no campaign.</summary>
    public CampaignProgress? View { get; private set; }

    /// <summary>When it was read.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>Reads it.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReadAt = clock.GetUtcNow();
        if (Campaign is not null)
        {
            View = await report.ReadAsync(Campaign.Id, cancellationToken);
        }
    }
}
