using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>
/// An order's card (every field of seed 002, ID number and phone masked) and what its status means for the student:
/// how long review takes and that the result comes by SMS, a payment cancelled at the cashier, 下载电子照片 once it is
/// complete, and starting again once it has ended. A freshman campaign's order is called 新生照片, not 集采.
/// </summary>
public sealed class DetailModel(AppDbContext db, PaymentService payments, CollectionFlow flow, StudentOrders orders, SchoolUrls urls) : PageModel
{
    /// <summary>The order.</summary>
    public Order Order { get; private set; } = null!;

    /// <summary>What the page shows of its record (ID number and phone masked).</summary>
    public OrderRecord Record { get; private set; } = null!;

    /// <summary>The resource key of the order's type (集采, 新生照片, 加洗…).</summary>
    public string KindKey { get; private set; } = "";

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

    /// <summary>
    /// The student cancelled at the cashier (back from it with <see cref="PaymentService.CancelledQuery"/>, or the
    /// newest payment attempt was cancelled) and the order is still unpaid: the page says so and offers to pay again.
    /// </summary>
    public bool PaymentCancelled { get; private set; }

    /// <summary>The review target in hours, as reviewers are held to it (<see cref="ReviewDesk.Target"/>).</summary>
    public static int ReviewHours => (int)ReviewDesk.Target.TotalHours;

    /// <summary>The finished photo can be downloaded (已完成, and its standard photo is still kept).</summary>
    public bool CanDownload { get; private set; }

    /// <summary>Where an ended order's student starts again (the campaign is open and nothing else is under way), or null.</summary>
    public string? StartAgainPath { get; private set; }

    /// <summary>Phone masked.</summary>
    public string MaskedPhone => Record.MaskedPhone;

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

        PaymentCancelled = false;
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

    // The order with its record and refunds in one query, compiled once (building, hashing and looking up the expression
    // per request cost about a tenth of the page's CPU). What the page shows of it is held by the student's grain beside
    // the order list (decision 018): the order grains, the record's writers and the refunds tell it of every change.
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<Found?>> Find = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, Guid account, CancellationToken _) => (
            from o in db.Orders
            where o.Id == id && o.AccountId == account
            join r in db.StudentRecords on o.RecordId equals r.Id
            select new Found
            {
                Order = o,
                Record = r,
                Refunds = db.Refunds.Where(f => f.OrderId == o.Id && f.State != RefundState.Failed).OrderBy(f => f.CreatedAt).ToList(),
            }).AsNoTracking().AsSingleQuery().SingleOrDefault());

    // What only some statuses show, read from the database each time (their writers are many and the pages rare): the
    // newest payment (unpaid), the rejection's words (rejected), the delivery (completed), whether another order holds
    // the record (ended). In one query, never naming a byte column; a completed order adds one to ask whether its
    // standard photo is kept.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Extra?>> FindExtra = EF.CompileAsyncQuery(
        (AppDbContext db, Guid id, CancellationToken _) => (
            from o in db.Orders
            where o.Id == id
            select new Extra
            {
                DeliveredAt = (from i in db.DeliveryItems
                               join b in db.DeliveryBatches on i.BatchId equals b.Id
                               where i.OrderId == o.Id && b.DeliveredAt != null
                               select b.DeliveredAt).Min(),
                Rejection = db.RejectReasons.FirstOrDefault(x => x.Code == o.RejectReason),
                NewestPayment = db.Payments.Where(p => p.OrderId == o.Id).OrderByDescending(p => p.CreatedAt).Select(p => p.State).FirstOrDefault(),
                RecordHeld = db.Orders.Any(x => x.RecordId == o.RecordId && x.Kind != OrderKind.Reprint
                    && x.Status != OrderStatus.Closed && x.Status != OrderStatus.Refunded),
            }).AsNoTracking().SingleOrDefault());

    // The page's view as the grain holds it: nothing of the record but what the page shows, masked.
    private async Task<Held?> ReadAsync(Guid id, Guid account, CancellationToken cancellationToken) =>
        await Find(db, id, account, cancellationToken) is { } found
            ? new Held
            {
                Order = found.Order,
                Record = new OrderRecord(found.Record.Name, found.Record.College, found.Record.Major,
                    found.Record.IdNumber.Length == 0 ? null : IdNumber.Mask(found.Record.IdNumber), PhoneNumber.Mask(found.Record.Phone)),
                Refunds = found.Refunds,
            }
            : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var found = await orders.ViewAsync(account, $"order:{id:N}", ct => ReadAsync(id, account, ct), cancellationToken);
        var campaign = found is null ? null : await flow.CampaignAsync(found.Order.CampaignId, cancellationToken);
        if (found is null || campaign is null)
        {
            return false;
        }

        var order = found.Order;
        Order = order;
        Record = found.Record;
        KindKey = OrderLabels.KindKey(order.Kind, campaign.Kind);
        var root = campaign.Kind == CampaignKind.Freshman ? "/freshman" : "/collect";
        CapturePath = root + "/capture";
        Refunds = found.Refunds;
        var extra = order.Status is OrderStatus.PendingPayment or OrderStatus.Rejected or OrderStatus.Completed or OrderStatus.Closed or OrderStatus.Refunded
            ? await FindExtra(db, id, cancellationToken)
            : null;
        if (extra is null)
        {
            return true;
        }

        DeliveredAt = extra.DeliveredAt;
        Rejection = order.Status == OrderStatus.Rejected ? extra.Rejection : null;  // null without a reason: a null code matches no row
        RejectNote = order.Status == OrderStatus.Rejected ? OrderHistory.RejectNote(order) : null;

        // The query is PaymentService.CancelledQuery, on the cashier's way back; it only chooses words.
        PaymentCancelled = order.Status == OrderStatus.PendingPayment
            && (extra.NewestPayment == PaymentStates.Cancelled || Request.Query["payment"] == "cancelled");
        CanDownload = order is { Status: OrderStatus.Completed, PhotoId: { } photo }
            && await db.PhotoFiles.AnyAsync(f => f.PhotoId == photo && f.Standard != null, cancellationToken);

        // An order that ended (closed unpaid, refunded) holds nobody back while the campaign is open: the flow frees it.
        if (order is { Status: OrderStatus.Closed or OrderStatus.Refunded } && order.Kind != OrderKind.Reprint
            && flow.Window(campaign) == WindowState.Open && !extra.RecordHeld)
        {
            StartAgainPath = campaign.CaptureMode == CaptureMode.Offline ? "/offline" : root;
        }

        return true;
    }

    // What the one query reads.
    private sealed class Found
    {
        public Order Order { get; init; } = null!;

        public StudentRecord Record { get; init; } = null!;

        public List<Refund> Refunds { get; init; } = [];
    }

    // What the grain holds of it (as JSON).
    private sealed class Held
    {
        public Order Order { get; init; } = null!;

        public OrderRecord Record { get; init; } = null!;

        public List<Refund> Refunds { get; init; } = [];
    }

    // What the second query reads.
    private sealed class Extra
    {
        public DateTimeOffset? DeliveredAt { get; init; }

        public RejectReason? Rejection { get; init; }

        public string? NewestPayment { get; init; }

        public bool RecordHeld { get; init; }
    }
}
