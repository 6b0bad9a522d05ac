using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Photocollect.FaultBench;

/// <summary>
/// The school admin (admin@beifang.demo) on the staff pages: signs in, imports the bench's roster, and refunds
/// every third paid order in full through the ledger's refund form (收支明细), as a person would: open the ledger,
/// fill the payment's form, send it. The form carries its refund id, so sending it again after a failure cannot
/// refund twice; a redirect back to the ledger is the acknowledgement.
/// </summary>
public sealed class Admin(Traffic traffic, Acknowledged acks, string password) : IDisposable
{
    private const string Email = "admin@beifang.demo";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private readonly SocketsHttpHandler handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
    private readonly HtmlParser html = new();
    private HttpClient? http;

    /// <summary>Refunds asked for and acknowledged.</summary>
    public int Refunded { get; private set; }

    /// <summary>Refunds given up after a minute of failures.</summary>
    public int GivenUp { get; private set; }

    private HttpClient Http => http ??= new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Signs in on the staff login page.</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        var login = await Must("page GET /staff/login", HttpMethod.Get, School.Pages + "/staff/login", null, null, cancellationToken);
        var form = Student.Form(("Email", Email), ("Password", password), ("__RequestVerificationToken", Token(html.ParseDocument(login.Body))));
        await Must("page POST /staff/login", HttpMethod.Post, School.Pages + "/staff/login", form,
            a => a.Status == 302 ? null : Student.PageError(a) ?? "not signed in", cancellationToken);
    }

    /// <summary>Imports <paramref name="count"/> graduating students (本科) from a CSV file on the roster page.</summary>
    public async Task ImportRosterAsync(int count, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("学号,姓名,身份证后四位,层次,学院,专业\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{StudentPool.FirstNumber + i},压测学生{i + 1:000},0000,本科,信息学院,计算机科学与技术\n");
        }

        var page = await Must("page GET /staff/roster", HttpMethod.Get, School.Pages + "/staff/roster", null, null, cancellationToken);
        var token = Token(html.ParseDocument(page.Body));
        await Must("page POST /staff/roster", HttpMethod.Post, School.Pages + "/staff/roster", () =>
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "Upload", "roster.csv");
            return form;
        }, a => a.Body.Contains("Roster.Error", StringComparison.Ordinal) ? "import refused" : null, cancellationToken);
    }

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
                form = html.ParseDocument(ledger.Body).QuerySelectorAll("form[data-test=refund-form]").OfType<IHtmlFormElement>()
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
        var body = Student.Form(("PaymentId", Field("PaymentId")), ("RequestId", requestId.ToString()), ("Amount", Field("Amount")), ("Reason", "压测退款"),
            ("__RequestVerificationToken", Field("__RequestVerificationToken")));
        var action = form.GetAttribute("action") ?? throw new InvalidOperationException("refund form without action");
        while (true)
        {
            var sent = await SendAsync("page POST /staff/payments (refund)", HttpMethod.Post, action, body, think,
                a => a.Status == 302 ? null : Student.PageError(a) ?? a.Body[..Math.Min(80, a.Body.Length)], stop);
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
        var answer = await traffic.SendAsync(Http, traffic.AnyInstance(), method, path, content, what, method == HttpMethod.Post, problem, stop);
        await Task.Delay(Student.Jitter(think), stop);
        return answer;
    }

    // Set-up steps must work: the faults come after them.
    private async Task<Answer> Must(string what, HttpMethod method, string path, Func<HttpContent>? content, Func<Answer, string?>? problem, CancellationToken cancellationToken)
    {
        var answer = await traffic.SendAsync(Http, traffic.AnyInstance(), method, path, content, what, method == HttpMethod.Post, problem, cancellationToken);
        return answer.Ok ? answer : throw new InvalidOperationException($"set-up failed: {what}: {answer.Error}");
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no anti-forgery token on the page");

    /// <inheritdoc />
    public void Dispose()
    {
        http?.Dispose();
        handler.Dispose();
    }
}
