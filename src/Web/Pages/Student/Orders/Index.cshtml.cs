using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Grains.Orders;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Text;

namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>我的订单: newest first, filtered by status; a freshman campaign's order is labelled 新生照片.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>One row.</summary>
    public sealed record Row(Guid Id, string Number, OrderKind Kind, int Copies, OrderStatus Status, string CreatedAt, string Name, long PriceFen, CampaignKind Campaign)
    {
        /// <summary>The resource key of its type as the student sees it (集采, 新生照片, 加洗…).</summary>
        public string KindKey => OrderLabels.KindKey(Kind, Campaign);
    }

    /// <summary>Status filter, or null for all.</summary>
    [BindProperty(SupportsGet = true)]
    public OrderStatus? Status { get; set; }

    /// <summary>The orders.</summary>
    public IReadOnlyList<Row> Orders { get; private set; } = [];

    /// <summary>A path inside the school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var account = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var query = db.Orders.AsNoTracking().Where(o => o.AccountId == account);
        if (Status is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        var rows = await query.OrderByDescending(o => o.CreatedAt)
            .Join(db.StudentRecords, o => o.RecordId, r => r.Id, (o, r) => new { o.Id, o.Number, o.Kind, o.Copies, o.Status, o.CreatedAt, r.Name, o.PriceFen, o.CampaignId })
            .Join(db.Campaigns, x => x.CampaignId, c => c.Id, (x, c) => new { x.Id, x.Number, x.Kind, x.Copies, x.Status, x.CreatedAt, x.Name, x.PriceFen, Campaign = c.Kind })
            .Take(100).ToListAsync(cancellationToken);
        Orders = rows.Select(r => new Row(r.Id, r.Number, r.Kind, r.Copies, r.Status, Formats.ChinaTime(r.CreatedAt), r.Name, r.PriceFen, r.Campaign)).ToList();
    }
}
