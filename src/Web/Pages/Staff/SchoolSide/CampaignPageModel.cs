using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.SchoolSide;

/// <summary>
/// A school admin's page about one campaign, chosen with <c>?CampaignId=</c>; without it, the graduation campaign that
/// started last (else any campaign that started last).
/// </summary>
public abstract class CampaignPageModel(AppDbContext db) : PageModel
{
    /// <summary>The school's data.</summary>
    protected AppDbContext Db { get; } = db;

    /// <summary>The campaign asked for, or empty.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? CampaignId { get; set; }

    /// <summary>The school's campaigns, for the picker.</summary>
    public IReadOnlyList<Campaign> Campaigns { get; private set; } = [];

    /// <summary>The campaign shown, or null when the school has none.</summary>
    public Campaign? Campaign { get; private set; }

    /// <summary>Reads the campaigns and picks the one shown; false when the school has none.</summary>
    protected async Task<bool> LoadCampaignAsync(CancellationToken cancellationToken)
    {
        Campaigns = await Db.Campaigns.AsNoTracking().OrderBy(c => c.Kind).ThenByDescending(c => c.StartsAt).ToListAsync(cancellationToken);
        Campaign = Campaigns.FirstOrDefault(c => c.Id == CampaignId) ?? (Campaigns.Count > 0 ? Campaigns[0] : null);
        CampaignId = Campaign?.Id;
        return Campaign is not null;
    }
}
