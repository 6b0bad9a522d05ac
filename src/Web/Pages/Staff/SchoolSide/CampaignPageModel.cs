using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
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

    /// <summary>True when the request named a campaign this school does not have.</summary>
    public bool UnknownCampaign { get; private set; }

    /// <summary>The campaign shown, or null when the school has none.</summary>
    public Campaign? Campaign { get; private set; }

    /// <summary>Picks the campaign before any handler runs; a campaign named and not found is a 404.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await LoadCampaignAsync(HttpContext.RequestAborted);
        if (UnknownCampaign)
        {
            context.Result = NotFound();
            return;
        }

        await next();
    }

    // Reads the campaigns and picks the one shown.
    private async Task LoadCampaignAsync(CancellationToken cancellationToken)
    {
        // Graduation first (the kind is stored by name, so its order is alphabetical), then the latest.
        Campaigns = await Db.Campaigns.AsNoTracking().OrderBy(c => c.Kind == CampaignKind.Graduation ? 0 : 1).ThenByDescending(c => c.StartsAt)
            .ToListAsync(cancellationToken);
        var asked = CampaignId is not null || Request.Query.ContainsKey(nameof(CampaignId)) && !string.IsNullOrEmpty(Request.Query[nameof(CampaignId)]);
        Campaign = CampaignId is { } id ? Campaigns.FirstOrDefault(c => c.Id == id) : asked || Campaigns.Count == 0 ? null : Campaigns[0];
        // A campaign named and not found (another school's, or not an id): nothing is shown or changed in its place.
        UnknownCampaign = asked && Campaign is null;

        CampaignId = Campaign?.Id;
    }
}
