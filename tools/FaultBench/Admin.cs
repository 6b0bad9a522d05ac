using System.Threading.Channels;
using AngleSharp.Html.Dom;
using Photocollect.BenchKit;

namespace Photocollect.FaultBench;

/// <summary>
/// The school admin (admin@beifang.demo) on the staff pages: signs in, imports the bench's roster, and refunds
/// every third paid order in full through the ledger's refund form (收支明细), as a person would: open the ledger,
/// fill the payment's form, send it. The form carries its refund id, so sending it again after a failure cannot
/// refund twice; a redirect back to the ledger is the acknowledgement.
/// </summary>
public sealed class Admin(Traffic traffic, Acknowledged acks, string password) : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private readonly StaffBrowser browser = new(traffic, School.Demo, "admin@beifang.demo", password);

    /// <summary>Refunds asked for and acknowledged.</summary>
    public int Refunded { get; private set; }

    /// <summary>Refunds given up after a minute of failures.</summary>
    public int GivenUp { get; private set; }

    /// <summary>Signs in on the staff login page.</summary>
    public Task SignInAsync(CancellationToken cancellationToken) => browser.SignInAsync(cancellationToken);

    /// <summary>Imports <paramref name="count"/> graduating students (本科) from a CSV file on the roster page.</summary>
    public Task ImportRosterAsync(int count, CancellationToken cancellationToken) =>
        browser.ImportRosterAsync(StudentPool.FirstNumber, count, cancellationToken);

    /// <summary>Refunds the paid orders handed over, one after another, until stopped.</summary>
    public async Task RefundAsync(ChannelReader<PaidOrder> paid, TimeSpan think, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(paid);
        try
        {
            await foreach (var order in paid.ReadAllAsync(stop))
            {
                if (await RefundOneAsync(order, think, stop))
                {
                    Refunded++;
                }
                else
                {
                    GivenUp++;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> RefundOneAsync(PaidOrder order, TimeSpan think, CancellationToken stop)
    {
        var since = traffic.Now;
        IHtmlFormElement? form = null;
        while (form is null)
        {
            var ledger = await SendAsync("page GET /staff/payments", HttpMethod.Get, School.Pages + "/staff/payments", null, think,
                a => a.Status == 302 ? $"redirected to {a.Location}" : null, stop);
            if (ledger.Ok)
            {
                form = browser.Parse(ledger).QuerySelectorAll("form[data-test=refund-form]").OfType<IHtmlFormElement>()
                    .FirstOrDefault(f => f.QuerySelector("input[name=PaymentId]")?.GetAttribute("value") == order.PaymentId.ToString());
                if (form is null)
                {
                    throw new InvalidOperationException($"payment {order.PaymentId} has no refund form on the ledger");
                }
            }
            else if (!await PauseAsync(since, stop))
            {
                return false;
            }
        }

        string Field(string name) => form.QuerySelector($"input[name={name}]")?.GetAttribute("value") ?? throw new InvalidOperationException($"refund form without {name}");
        var requestId = Guid.Parse(Field("RequestId"));
        // The confirmation's form (the ledger's form only shows what would be refunded): the same fields and Confirmed.
        var body = HtmlForms.Form(("PaymentId", Field("PaymentId")), ("RequestId", requestId.ToString()), ("Amount", Field("Amount")), ("Reason", "压测退款"),
            ("Confirmed", "true"), ("__RequestVerificationToken", Field("__RequestVerificationToken")));
        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("refund form without action");
        while (true)
        {
            var sent = await SendAsync("page POST /staff/payments (refund)", HttpMethod.Post, action, body, think,
                a => a.Status == 302 ? null : HtmlForms.PageError(a) ?? a.Body[..Math.Min(80, a.Body.Length)], stop);
            if (sent.Ok)
            {
                acks.Refund(requestId);
                return true;
            }

            if (!await PauseAsync(since, stop))
            {
                return false;
            }
        }
    }

    private async Task<bool> PauseAsync(TimeSpan since, CancellationToken stop)
    {
        if (traffic.Now - since > GiveUpAfter)
        {
            return false;
        }

        await Task.Delay(Student.RetryPause, stop);
        return true;
    }

    private async Task<Answer> SendAsync(string what, HttpMethod method, string path, Func<HttpContent>? content, TimeSpan think, Func<Answer, string?>? problem, CancellationToken stop)
    {
        var answer = await traffic.SendAsync(browser.Http, traffic.AnyInstance(), method, path, content, what, method == HttpMethod.Post, problem, stop);
        await Task.Delay(Student.Jitter(think), stop);
        return answer;
    }

    /// <inheritdoc />
    public void Dispose() => browser.Dispose();
}
