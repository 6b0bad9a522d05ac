using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Sms;
using Photocollect.Tenancy;

namespace Photocollect.Collection;

/// <summary>
/// The SMS a student gets about an order: approved, rejected with the reason, completed, refunded. The text is the
/// shared resource <c>Sms.{template}</c> in Chinese whatever the language of the page that caused it, naming the photo
/// for what it is (毕业照片 or 新生照片, <see cref="OrderLabels.PhotoKey"/>), and goes out through the school's sender,
/// which logs it like every SMS. A message that cannot be sent is logged and dropped: it never undoes or holds up the
/// decision or the refund it reports.
/// </summary>
public sealed class OrderNotices(AppDbContext db, TenantContext tenant, ISmsSender sms, IStringLocalizer localizer, ILogger<OrderNotices> logger)
{
    /// <summary>Tells the student of <paramref name="orderId"/> what happened.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="template">One of the order notices: approved, rejected, completed or refunded.</param>
    /// <param name="detail">The rejection reason, or the amount refunded in yuan (<see cref="Yuan"/>); null otherwise.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task SendAsync(Guid orderId, SmsTemplate template, string? detail = null, CancellationToken cancellationToken = default)
    {
        if (template is not (SmsTemplate.ReviewApproved or SmsTemplate.ReviewRejected or SmsTemplate.Completed or SmsTemplate.Refunded))
        {
            throw new ArgumentOutOfRangeException(nameof(template), template, "Not an order notice.");
        }

        var found = await (from o in db.Orders.AsNoTracking()
                           join r in db.StudentRecords on o.RecordId equals r.Id
                           join c in db.Campaigns on o.CampaignId equals c.Id
                           where o.Id == orderId
                           select new { o.Number, r.Name, r.Phone, c.Kind }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || string.IsNullOrEmpty(found.Phone))
        {
            return;  // no order, or its phone was erased with the student's data
        }

        var school = tenant.RequiredSchool.Branding.ShortName ?? tenant.RequiredSchool.DisplayName;
        var photo = SmsTexts.Of(localizer, OrderLabels.PhotoKey(found.Kind));
        IReadOnlyList<string> parameters = template is SmsTemplate.ReviewRejected or SmsTemplate.Refunded
            ? [found.Name, found.Number, detail ?? "", photo]
            : [found.Name, found.Number, photo];
        var text = SmsTexts.Of(localizer, $"Sms.{template}", school, found.Name, found.Number, photo, detail ?? "");
        try
        {
            await sms.SendAsync(new SmsMessage(found.Phone, template, parameters, text), cancellationToken);
        }
        catch (SmsSendException e)
        {
            // Already in the school's SMS log as failed; support can send it again from there.
            logger.LogWarning("SMS {Template} for order {Order} not sent: {Reason}", template, found.Number, e.Message);
        }
    }

    /// <summary>An amount in fen as the SMS writes it: yuan with two decimals (<c>30.00</c>).</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
