using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Payments;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Pay;

/// <summary>
/// The providers' asynchronous notifications, one URL per school and provider (<c>/pay/notify/{provider}</c>). The
/// provider verifies the signature and reads the body; answers 200 for applied or repeated notifications, 400 with
/// <c>{"code":"FAIL"}</c> for refused ones (WeChat Pay and Stripe both retry on a non-2xx answer).
/// </summary>
[IgnoreAntiforgeryToken]
[BodyLimit(MaxBody)]
public sealed class NotifyModel(PaymentService payments) : PageModel
{
    /// <summary>Largest body accepted.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>Handles one notification.</summary>
    public async Task<IActionResult> OnPostAsync(string provider, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<PaymentProviderKind>(provider, ignoreCase: true, out var kind) || PaymentProviders.NameOf(kind) != provider)
        {
            return NotFound();
        }

        using var reader = new StreamReader(Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await payments.HandleNotificationAsync(kind, Request.Headers, body, cancellationToken);
        return outcome == NotificationOutcome.Refused ? BadRequest(new { code = "FAIL", message = "refused" }) : new JsonResult(new { code = "SUCCESS" });
    }
}
