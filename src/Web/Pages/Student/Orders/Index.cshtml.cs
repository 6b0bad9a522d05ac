using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Collection;
using Photocollect.Grains.Orders;

namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>我的订单: newest first, filtered by status; a freshman campaign's order is labelled 新生照片.</summary>
public sealed class IndexModel(StudentOrders list) : PageModel
{
    /// <summary>Status filter, or null for all.</summary>
    [BindProperty(SupportsGet = true)]
    public OrderStatus? Status { get; set; }

    /// <summary>The orders.</summary>
    public IReadOnlyList<OrderListing> Orders { get; private set; } = [];

    /// <summary>A path inside the school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Lists.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Orders = await list.ListAsync(Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!), Status, cancellationToken);
}
