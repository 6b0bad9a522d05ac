using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Sms;

namespace Photocollect.Web.Notices;

/// <summary>
/// The student's SMS when money comes back (退款通知): Payments says a refund succeeded, the collection's order
/// notices word it (the amount, the order, 毕业照片 or 新生照片) and send it through the school's provider into its SMS
/// log. It joins the two here, at the top, because neither feature may call the other. A message that cannot be sent
/// leaves the refund as it is.
/// </summary>
public sealed class RefundSms(OrderNotices notices) : IRefundObserver
{
    /// <inheritdoc />
    public Task RefundSucceededAsync(Refund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return notices.SendAsync(refund.OrderId, SmsTemplate.Refunded, OrderNotices.Yuan(refund.AmountFen), cancellationToken);
    }
}
