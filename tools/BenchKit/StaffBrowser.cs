using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Photocollect.BenchKit;

/// <summary>
/// A member of a school's staff in a browser (cookie sign-in on the staff login page, redirects not followed), for
/// what a bench sets up through the staff pages as a person would: the roster import, and whatever the bench does
/// with <see cref="Http"/> afterwards. Every request goes through <see cref="Traffic"/>.
/// </summary>
public sealed class StaffBrowser(Traffic traffic, DemoSchool school, string email, string password) : IDisposable
{
    private readonly SocketsHttpHandler handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
    private readonly HtmlParser html = new();
    private HttpClient? http;

    /// <summary>The browser: its cookies, on either instance (they share the Data Protection keys).</summary>
    public HttpClient Http => http ??= new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Signs in on the staff login page.</summary>
    public async Task SignInAsync(CancellationToken cancellationToken)
    {
        var login = await MustAsync(null, "page GET /staff/login", HttpMethod.Get, school.Pages + "/staff/login", null, null, cancellationToken);
        var form = HtmlForms.Form(("Email", email), ("Password", password), ("__RequestVerificationToken", HtmlForms.Token(Parse(login))));
        await MustAsync(null, "page POST /staff/login", HttpMethod.Post, school.Pages + "/staff/login", form,
            a => a.Status == 302 ? null : HtmlForms.PageError(a) ?? "not signed in", cancellationToken);
    }

    /// <summary>Imports <paramref name="count"/> graduating students (本科) from a CSV file on the roster page, with
    /// student numbers from <paramref name="firstNumber"/> on (school admin).</summary>
    public async Task ImportRosterAsync(long firstNumber, int count, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("学号,姓名,身份证后四位,层次,学院,专业\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{firstNumber + i},压测学生{i + 1:000},0000,本科,信息学院,计算机科学与技术\n");
        }

        var page = await MustAsync(null, "page GET /staff/roster", HttpMethod.Get, school.Pages + "/staff/roster", null, null, cancellationToken);
        var token = HtmlForms.Token(Parse(page));
        await MustAsync(null, "page POST /staff/roster", HttpMethod.Post, school.Pages + "/staff/roster", () =>
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "Upload", "roster.csv");
            return form;
        }, a => a.Body.Contains("Roster.Error", StringComparison.Ordinal) ? "import refused" : null, cancellationToken);
    }

    /// <summary>A request that must succeed (set-up, not the load being measured), to <paramref name="instance"/> or
    /// either at random.</summary>
    public async Task<Answer> MustAsync(int? instance, string what, HttpMethod method, string path, Func<HttpContent>? content, Func<Answer, string?>? problem,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        var answer = await traffic.SendAsync(Http, instance ?? traffic.AnyInstance(), method, path, content, what, method == HttpMethod.Post, problem, cancellationToken);
        return answer.Ok ? answer : throw new InvalidOperationException($"set-up failed: {what}: {answer.Error}");
    }

    /// <summary>An answer's page, parsed.</summary>
    public IHtmlDocument Parse(Answer answer) => html.ParseDocument((answer ?? throw new ArgumentNullException(nameof(answer))).Body);

    /// <inheritdoc />
    public void Dispose()
    {
        http?.Dispose();
        handler.Dispose();
    }
}
