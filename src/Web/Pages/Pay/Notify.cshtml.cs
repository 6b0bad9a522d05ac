using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Web.Payments;

namespace Photocollect.Web.Pages.Pay;

/// <summary>The Sandbox's asynchronous notification endpoint: a signed JSON body (<c>X-Sandbox-Signature</c>, hex
/// HMAC-SHA256). Answers 200 for applied or repeated notifications, 400 for refused ones.</summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxBody)]
public sealed class NotifyModel(PaymentService payments) : PageModel
{
    /// <summary>Largest body accepted.</summary>
    public const int MaxBody = 16 * 1024;

    /// <summary>Handles one notification.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        var outcome = await payments.HandleSandboxAsync(body, Request.Headers["X-Sandbox-Signature"], cancellationToken);
        return outcome == NotificationOutcome.Refused ? BadRequest(new { code = "FAIL" }) : new JsonResult(new { code = "SUCCESS" });
    }
}
