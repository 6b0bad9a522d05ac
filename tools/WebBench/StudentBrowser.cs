using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// One student's phone: a browser on the school's pages (its cookies; redirects not followed by the client, so that
/// each one is seen and the page it leads to is fetched as the next request, as a browser does) and, for the
/// mini-program, an API client with a bearer token, both on one connection pool. Every request goes through
/// <see cref="Traffic"/>. A page must answer 200 (a redirect to the sign-in page is an error, not a page); a form post
/// must answer with a redirect.
/// </summary>
public sealed partial class StudentBrowser : IDisposable
{
    private readonly Traffic traffic;
    private readonly SocketsHttpHandler handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
    private readonly HtmlParser html = new();
    private int smsSent;

    /// <summary>A student with a phone no one else uses, on the roster under <paramref name="studentNumber"/>.</summary>
    public StudentBrowser(Traffic traffic, string phone, string studentNumber)
    {
        this.traffic = traffic;
        Phone = phone;
        StudentNumber = studentNumber;
        Pages = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        Api = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The school.</summary>
    public static DemoSchool School => DemoSchool.Beifang;

    /// <summary>The phone the student signs in with.</summary>
    public string Phone { get; }

    /// <summary>The student number on the roster (in the collection code CHSI gives the student).</summary>
    public string StudentNumber { get; }

    /// <summary>The browser (cookies).</summary>
    public HttpClient Pages { get; }

    /// <summary>The mini-program's client (bearer token, once signed in through the API).</summary>
    public HttpClient Api { get; }

    /// <summary>The API's access token, once signed in through the API.</summary>
    public string? BearerToken { get; private set; }

    /// <summary>The anti-forgery token of the last page's form.</summary>
    public string? FormToken { get; private set; }

    /// <summary>The path of the last page the browser showed.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>The student's paid order, once there is one.</summary>
    public Guid? OrderId { get; set; }

    /// <summary>Its number (what the order pages and the API show).</summary>
    public string? OrderNumber { get; set; }

    /// <summary>
    /// What the browser sends as its <c>Cookie</c> header to the school's pages: also the cookies scoped to the school's
    /// path (the anti-forgery cookie), as a browser sends them back.
    /// </summary>
    public string CookieHeader(Uri product) => handler.CookieContainer.GetCookieHeader(new Uri(product, School.Pages + "/"));

    /// <summary>A page, which must answer 200 without an error message; its form's anti-forgery token is kept.</summary>
    public async Task<Answer> PageAsync(string what, string path, CancellationToken cancellationToken)
    {
        var answer = await traffic.SendAsync(Pages, 0, HttpMethod.Get, path, null, what, false,
            a => a.Status == 200 ? HtmlForms.PageError(a) : $"answered {a.Status} {a.Location}, not the page", cancellationToken);
        if (answer.Ok)
        {
            CurrentPath = path;
            if (answer.Body.Contains("__RequestVerificationToken", StringComparison.Ordinal))
            {
                // The form tag helper writes the token's input one way; parsing the whole page (a few ms of the
                // bench's CPU for every page of thousands of students) only when it does not.
                FormToken = TokenInput().Match(answer.Body) is { Success: true } m ? m.Groups[1].Value : HtmlForms.Token(html.ParseDocument(answer.Body));
            }
        }

        return answer;
    }

    /// <summary>A form post that must redirect, then the page it redirects to (<paramref name="next"/> labels that
    /// request). Returns the failed post, or the page.</summary>
    public async Task<Answer> SubmitAsync(string what, string path, Func<HttpContent> form, string next, CancellationToken cancellationToken)
    {
        var posted = await PostAsync(what, path, form, cancellationToken);
        return posted.Ok ? await PageAsync(next, Local(posted.Location!), cancellationToken) : posted;
    }

    /// <summary>A form post that must redirect; the redirect itself is returned.</summary>
    public Task<Answer> PostAsync(string what, string path, Func<HttpContent> form, CancellationToken cancellationToken) =>
        traffic.SendAsync(Pages, 0, HttpMethod.Post, path, form, what, true,
            a => a.Status is 302 or 303 && a.Location is not null ? null : HtmlForms.PageError(a) ?? $"answered {a.Status}, not a redirect", cancellationToken);

    /// <summary>The sign-in page, which goes to <paramref name="returnUrl"/> once signed in.</summary>
    public Task<Answer> OpenSignInAsync(string returnUrl, CancellationToken cancellationToken) =>
        PageAsync("page GET /login", $"{School.Pages}/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", cancellationToken);

    /// <summary>Asks the sign-in page for a code by SMS.</summary>
    public async Task<Answer> SendCodeAsync(string returnUrl, CancellationToken cancellationToken)
    {
        var answer = await traffic.SendAsync(Pages, 0, HttpMethod.Post, School.Pages + "/login?handler=SendCode",
            HtmlForms.Form(("Phone", Phone), ("Agree", "true"), ("ReturnUrl", returnUrl), ("__RequestVerificationToken", FormToken ?? "")),
            "page POST /login (send code)", true, a => a.Status == 200 ? HtmlForms.PageError(a) : $"answered {a.Status}", cancellationToken);
        if (answer.Ok)
        {
            smsSent++;
        }

        return answer;
    }

    /// <summary>The code the last SMS brought (the phone's inbox: the bench reads the product's outbox).</summary>
    public Task<string> SmsCodeAsync(BenchDatabase db, CancellationToken cancellationToken) =>
        (db ?? throw new ArgumentNullException(nameof(db))).SmsCodeAsync(Phone, smsSent, cancellationToken);

    /// <summary>Signs in with the code; the page the sign-in leads to is fetched.</summary>
    public Task<Answer> SignInAsync(string code, string returnUrl, CancellationToken cancellationToken) =>
        SubmitAsync("page POST /login (code)", School.Pages + "/login?handler=Verify",
            HtmlForms.Form(("Phone", Phone), ("Code", code), ("Agree", "true"), ("ReturnUrl", returnUrl), ("__RequestVerificationToken", FormToken ?? "")),
            "page GET " + returnUrl, cancellationToken);

    /// <summary>
    /// An upload through a page's upload form as its script (site.js) sends it: a 503 with Retry-After (the vision
    /// queue is full) is sent again after the pause, up to three times; the redirect is followed to the page it leads
    /// to (<paramref name="next"/> labels that request), which the browser is then on.
    /// </summary>
    public async Task<UploadResult> UploadAsync(string what, string path, Func<HttpContent> form, string next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var started = Stopwatch.GetTimestamp();
        long? lastByte = null;
        for (var busy = 0; ; busy++)
        {
            LastByteContent? upload = null;
            var posted = await PostAsync(what, path, () => upload = new LastByteContent(form()), cancellationToken);
            lastByte ??= upload?.LastByte;
            if (posted.Status == 503 && posted.RetryAfter is { } wait && wait > TimeSpan.Zero && busy < 3)
            {
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            if (!posted.Ok)
            {
                return new UploadResult(posted, null, null, busy);
            }

            var page = await PageAsync(next, Local(posted.Location!), cancellationToken);
            var end = Stopwatch.GetTimestamp();
            return page.Ok && lastByte is { } last
                ? new UploadResult(page, Stopwatch.GetElapsedTime(last, end), Stopwatch.GetElapsedTime(started, end), busy)
                : new UploadResult(page, null, null, busy);
        }
    }

    /// <summary>
    /// The photo step on the camera page the browser is on (its form's token): the photo through the page's upload
    /// form (<see cref="UploadAsync"/>); the result page must say the photo passed. The browser is then on the result
    /// page (<see cref="CurrentPath"/>).
    /// </summary>
    public async Task<UploadResult> UploadPhotoAsync(string what, byte[] photo, CancellationToken cancellationToken)
    {
        var token = FormToken ?? "";
        var result = await UploadAsync($"page POST /collect/capture ({what})", School.Pages + "/collect/capture", () =>
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "Photo", "photo.jpg" } };
        }, "page GET /collect/result/{id}", cancellationToken);
        return result.Answer.Ok && !result.Answer.Body.Contains("data-test=\"check-passed\"", StringComparison.Ordinal)
            ? new UploadResult(result.Answer with { Error = "HTTP 200 the result page does not say the photo passed" }, null, null, result.Busy)
            : result;
    }

    /// <summary>Signs in through the API with a code of its own; the bearer token is kept for <see cref="Api"/>.</summary>
    public async Task SignInToApiAsync(BenchDatabase db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        Must(await ApiAsync("api POST /auth/code", HttpMethod.Post, "/auth/code", Json(new { phone = Phone }), cancellationToken));
        smsSent++;
        var code = await db.SmsCodeAsync(Phone, smsSent, cancellationToken);
        var token = Must(await ApiAsync("api POST /auth/token", HttpMethod.Post, "/auth/token", Json(new { phone = Phone, code, agree = true }), cancellationToken));
        BearerToken = token.Json.GetProperty("accessToken").GetString();
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BearerToken);
    }

    /// <summary>A request to the student API (path under <c>/api/v1</c>), which must answer 2xx.</summary>
    public Task<Answer> ApiAsync(string what, HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken) =>
        traffic.SendAsync(Api, 0, method, School.Api + path, content, what, method != HttpMethod.Get,
            a => a.Status is >= 200 and < 300 ? null : $"answered {a.Status}", cancellationToken);

    /// <summary>A JSON body.</summary>
    public static Func<HttpContent> Json<T>(T value) => () => JsonContent.Create(value);

    /// <summary>An answer that must have succeeded (set-up, not the load being measured).</summary>
    public static Answer Must(Answer answer) =>
        answer is { Ok: true } ? answer : throw new InvalidOperationException($"set-up failed: {answer?.Error}: {answer?.Body[..Math.Min(answer.Body.Length, 300)]}");

    /// <summary>A redirect's target as a path under the product (the pages redirect to local paths; the Sandbox
    /// cashier's link is absolute).</summary>
    public static string Local(Uri location) =>
        (location ?? throw new ArgumentNullException(nameof(location))).IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    [GeneratedRegex("<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <inheritdoc />
    public void Dispose()
    {
        Pages.Dispose();
        Api.Dispose();
        handler.Dispose();
    }
}
