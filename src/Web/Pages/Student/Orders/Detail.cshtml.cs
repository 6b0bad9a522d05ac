using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>An order's card (every field of seed 002, ID number and phone masked) and the actions its status allows.</summary>
public sealed class DetailModel(AppDbContext db, PaymentService payments, SchoolUrls urls) : PageModel
{
    /// <summary>The order.</summary>
    public Order Order { get; private set; } = null!;

    /// <summary>Its record.</summary>
    public StudentRecord Record { get; private set; } = null!;

    /// <summary>Refunds of the order's payments, oldest first (the student sees each with its reason and state).</summary>
    public IReadOnlyList<Refund> Refunds { get; private set; } = [];

    /// <summary>The rejection reason with its fix, when rejected.</summary>
    public RejectReason? Rejection { get; private set; }

    /// <summary>What the reviewer wrote to the student with the rejection, when rejected and they wrote something.</summary>
    public string? RejectNote { get; private set; }

    /// <summary>When the photo was delivered to the school (the first download of a batch holding this order), or null.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>Where the student reshoots: the capture step of the order's flow (graduation or freshman).</summary>
    public string CapturePath { get; private set; } = "/collect/capture";

    /// <summary>The QR code to pay with (WeChat Native), as a data URI, or null.</summary>
    public string? PayQr { get; private set; }

    /// <summary>Parameters of WeChat's in-app payment (JSAPI), or null.</summary>
    public IReadOnlyDictionary<string, string>? JsApi { get; private set; }

    /// <summary>A problem to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Phone masked.</summary>
    public string MaskedPhone => PhoneNumber.Mask(Record.Phone);

    /// <summary>A path inside the school.</summary>
    public string Href(string path) => Request.PathBase + path;

    /// <summary>Shows the order.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>去支付: to the provider's pay page.</summary>
    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var (payment, checkout, problem) = await payments.StartAsync(Order.AccountId, id, PayContext.Of(Request, urls.Of(Request)), cancellationToken);
        if (checkout is null)
        {
            Error = problem switch { "closed" => "Orders.Pay.Closed", "paid" => "Orders.Pay.AlreadyPaid", _ => "Orders.Pay.Failed" };
            return Page();
        }

        if (checkout.RedirectUrl is { } url)
        {
            return Redirect(url);
        }

        // A QR code to scan with WeChat (desktop), or WeChat's in-app payment: both shown on this page.
        PayQr = checkout.QrText is { } qr ? "data:image/png;base64," + Convert.ToBase64String(Photocollect.Collection.Registry.CodeImages.Png(qr, 6)) : null;
        JsApi = checkout.JsApi;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.AccountId == account, cancellationToken);
        if (order is null)
        {
            return false;
        }

        Order = order;
        Record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId, cancellationToken);
        var kind = await db.Campaigns.AsNoTracking().Where(c => c.Id == order.CampaignId).Select(c => c.Kind).SingleAsync(cancellationToken);
        CapturePath = kind == CampaignKind.Freshman ? "/freshman/capture" : "/collect/capture";
        DeliveredAt = await (from i in db.DeliveryItems
                             join b in db.DeliveryBatches on i.BatchId equals b.Id
                             where i.OrderId == order.Id && b.DeliveredAt != null
                             select b.DeliveredAt).MinAsync(cancellationToken);
        Refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == order.Id && r.State != RefundState.Failed).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        if (order.RejectReason is { } code)
        {
            Rejection = await db.RejectReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, cancellationToken);
        }

        RejectNote = order.Status == Photocollect.Grains.Orders.OrderStatus.Rejected ? OrderHistory.RejectNote(order) : null;

        return true;
    }
}
