using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using AngleSharp.Html.Parser;
using Photocollect.BenchKit;

namespace Photocollect.FaultBench;

/// <summary>A paid order the school admin will refund.</summary>
public sealed record PaidOrder(Guid PaymentId, Guid OrderId);

/// <summary>A student who gave up, when, and the answer that made them.</summary>
public sealed record GaveUp(TimeSpan At, int Instance, string Why);

/// <summary>What the virtual students share: the roster numbers not yet used, phones, and how flows ended.</summary>
public sealed class StudentPool(int rosterSize)
{
    private readonly ConcurrentQueue<GaveUp> gaveUp = new();
    private int nextRoster;
    private int nextPhone = Random.Shared.Next(10_000_000, 80_000_000);
    private int paid;
    private int completed;
    private int abandoned;

    /// <summary>First roster student number of the bench's import.</summary>
    public const int FirstNumber = 2099000001;

    /// <summary>Flows that ended with a paid order and the reads after it.</summary>
    public int Done => completed;

    /// <summary>Flows given up: the same refusal three times running, or a minute without progress.</summary>
    public int Abandoned => abandoned;

    /// <summary>The students who gave up.</summary>
    public IReadOnlyList<GaveUp> GivenUp => [.. gaveUp];

    /// <summary>The next unused roster student, or null when the bench's roster is used up.</summary>
    public string? NextStudentNumber()
    {
        var n = Interlocked.Increment(ref nextRoster);
        return n <= rosterSize ? (FirstNumber + n - 1).ToString(CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A phone no one has used.</summary>
    public string NextPhone() => "139" + Interlocked.Increment(ref nextPhone).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every third paid order is refunded.</summary>
    public bool RefundThisOne() => Interlocked.Increment(ref paid) % 3 == 0;

    /// <summary>A flow ended with a paid order.</summary>
    public void Completed() => Interlocked.Increment(ref completed);

    /// <summary>A flow was given up.</summary>
    public void Abandon(GaveUp why)
    {
        Interlocked.Increment(ref abandoned);
        gaveUp.Enqueue(why);
    }
}

/// <summary>
/// One virtual student after another in a slot: signs in on the pages (cookie) and through the API (token) with SMS
/// codes, reads a collection code, verifies with the feature code, reads the standards, uploads a photo, submits,
/// pays, and the provider notifies; then reads the collection state, the order list (API and page) and the order
/// page. Each request goes to either instance at random, as a balancer without affinity would send it. The flow
/// is driven by the state the API reports (GET /collection), so after a failed request the student carries on from
/// wherever the product says it is, a second later, as a person tapping again would.
/// </summary>
public sealed class Student(Traffic traffic, School school, BenchDatabase db, Acknowledged acks, StudentPool pool, ChannelWriter<PaidOrder> refunds, TimeSpan think)
{
    /// <summary>Pause after a failed request before the next try.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    // A flow that makes no progress for this long is given up (and counted) and a new student starts; so is one that
    // gets the same refusal (4xx) three times running: a person would call the school then, not tap again.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private const int SameRefusals = 3;
    private Sample? last;

    private readonly HtmlParser html = new();

    /// <summary>New students until stopped or the roster is used up.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested && pool.NextStudentNumber() is { } number)
            {
                if (await FlowAsync(number, stop))
                {
                    pool.Completed();
                }
                else
                {
                    pool.Abandon(new GaveUp(traffic.Now, last?.Instance ?? 0, $"{last?.What}: {last?.Error}"));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> FlowAsync(string studentNumber, CancellationToken stop)
    {
        var phone = pool.NextPhone();
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var progress = traffic.Now;
        var sms = 0;

        // Runs a step until it is done: the next try comes at once after progress, a second after a failure.
        async Task<bool> Until(Func<Task<Progress>> step)
        {
            var refusals = 0;
            string? refusal = null;
            while (true)
            {
                var made = await step();
                if (made == Progress.Done)
                {
                    progress = traffic.Now;
                    return true;
                }

                if (made == Progress.Moved)
                {
                    progress = traffic.Now;
                    continue;
                }

                refusals = last?.Error is { } error && Traffic.IsRefusal(error) && (refusal is null || refusal == error) ? refusals + 1 : 0;
                refusal = refusals > 0 ? last!.Error : null;
                if (traffic.Now - progress > GiveUpAfter || refusals >= SameRefusals)
                {
                    return false;
                }

                await Task.Delay(RetryPause, stop);
            }
        }

        // Signing in on the pages: the form's token, a code by SMS, the code back (a redirect means signed in). A
        // failed send is sent again; a failed sign-in is tried again with the same code, unless the page refused
        // the code (a first try may have used it up): then a new code.
        string? token = null, code = null;
        var signedIn = await Until(async () =>
        {
            if (token is null)
            {
                var login = await SendAsync(http, HttpMethod.Get, School.Pages + "/login", null, "page GET /login", false, null, stop);
                token = login.Ok ? Token(login.Body) : null;
                return login.Ok ? Progress.Moved : Progress.Failed;
            }

            if (code is null)
            {
                var sent = await SendAsync(http, HttpMethod.Post, School.Pages + "/login?handler=SendCode",
                    HtmlForms.Form(("Phone", phone), ("Agree", "true"), ("__RequestVerificationToken", token)), "page POST /login (send code)", true, HtmlForms.PageError, stop);
                code = sent.Ok ? await db.SmsCodeAsync(phone, ++sms, stop) : null;
                return sent.Ok ? Progress.Moved : Progress.Failed;
            }

            var verified = await SendAsync(http, HttpMethod.Post, School.Pages + "/login?handler=Verify",
                HtmlForms.Form(("Phone", phone), ("Code", code), ("Agree", "true"), ("__RequestVerificationToken", token)), "page POST /login (code)", true,
                a => a.Status == 302 ? null : HtmlForms.PageError(a) ?? "not signed in", stop);
            code = verified.Status is 200 or 400 ? null : code;
            return verified.Ok ? Progress.Done : Progress.Failed;
        });

        // And through the API, with a second code: a bearer token.
        code = null;
        signedIn = signedIn && await Until(async () =>
        {
            if (code is null)
            {
                var sent = await SendAsync(http, HttpMethod.Post, School.Api + "/auth/code", Json(new { phone }), "api POST /auth/code", true, null, stop);
                code = sent.Ok ? await db.SmsCodeAsync(phone, ++sms, stop) : null;
                return sent.Ok ? Progress.Moved : Progress.Failed;
            }

            var answer = await SendAsync(http, HttpMethod.Post, School.Api + "/auth/token", Json(new { phone, code, agree = true }), "api POST /auth/token", true, null, stop);
            if (answer.Ok)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", answer.Json.GetProperty("accessToken").GetString());
            }

            code = answer.Status == 400 ? null : code;
            return answer.Ok ? Progress.Done : Progress.Failed;
        });
        if (!signedIn)
        {
            return false;
        }

        Guid? paidOrder = null;
        var ok = await Until(async () =>
        {
            var state = await SendAsync(http, HttpMethod.Get, School.Api + "/collection", null, "api GET /collection", false, null, stop);
            if (!state.Ok)
            {
                return Progress.Failed;
            }

            var json = state.Json;
            switch (json.GetProperty("step").GetString())
            {
                case "NeedsRecord":
                    var read = await SendAsync(http, HttpMethod.Post, School.Api + "/collection/code", Json(new { code = School.CollectionCode(studentNumber) }), "api POST /collection/code", true, null, stop);
                    return read.Ok && (await SendAsync(http, HttpMethod.Post, School.Api + "/collection/verify", Json(new { featureCode = School.FeatureCode }), "api POST /collection/verify", true, null, stop)).Ok
                        ? Progress.Moved : Progress.Failed;
                case "Verified":
                    return Moved(await SendAsync(http, HttpMethod.Post, School.Api + "/collection/standards", Json(new { faceConsent = true }), "api POST /collection/standards", true, null, stop));
                case "ReadyToShoot":
                    var photo = await SendAsync(http, HttpMethod.Post, School.Api + "/collection/photos", Photo, "api POST /collection/photos", true, null, stop);
                    if (photo.Ok && !photo.Json.GetProperty("passed").GetBoolean())
                    {
                        throw new InvalidOperationException("the bench's photo did not pass the check: " + photo.Body);
                    }

                    return Moved(photo);
                case "PhotoPassed":
                    var submitted = await SendAsync(http, HttpMethod.Post, $"{School.Api}/collection/photos/{json.GetProperty("lastPhotoId").GetGuid()}/submit", null,
                        "api POST /collection/photos/{id}/submit", true, null, stop);
                    if (submitted.Ok)
                    {
                        acks.Order(submitted.Json.GetProperty("id").GetGuid());
                    }

                    return Moved(submitted);
                case "Ordered":
                    var orderId = json.GetProperty("orderId").GetGuid();
                    var order = await SendAsync(http, HttpMethod.Get, $"{School.Api}/orders/{orderId}", null, "api GET /orders/{id}", false, null, stop);
                    if (!order.Ok)
                    {
                        return Progress.Failed;
                    }

                    if (order.Json.GetProperty("status").GetString() != "PendingPayment")
                    {
                        paidOrder = orderId;
                        return Progress.Done;
                    }

                    return await PayAsync(http, orderId, stop) ? Progress.Moved : Progress.Failed;
                default:
                    throw new InvalidOperationException("unknown step: " + state.Body);
            }
        });
        if (!ok || paidOrder is not { } id)
        {
            return false;
        }

        // Reads after paying, as the student checks the order: a failure here is counted, nothing is retried.
        await SendAsync(http, HttpMethod.Get, School.Api + "/orders", null, "api GET /orders", false, null, stop);
        await SendAsync(http, HttpMethod.Get, School.Pages + "/orders", null, "page GET /orders", false, SignedOut, stop);
        await SendAsync(http, HttpMethod.Get, $"{School.Pages}/orders/{id}", null, "page GET /orders/{id}", false, SignedOut, stop);
        await SendAsync(http, HttpMethod.Get, School.Api + "/collection", null, "api GET /collection", false, null, stop);
        return true;
    }

    private enum Progress
    {
        Failed,
        Moved,
        Done,
    }

    private static Progress Moved(Answer answer) => answer.Ok ? Progress.Moved : Progress.Failed;

    // Pay (a new payment each time) and, like the provider, notify until it is taken.
    private async Task<bool> PayAsync(HttpClient http, Guid orderId, CancellationToken stop)
    {
        var pay = await SendAsync(http, HttpMethod.Post, $"{School.Api}/orders/{orderId}/pay", null, "api POST /orders/{id}/pay", true, null, stop);
        if (!pay.Ok)
        {
            return false;
        }

        var paymentId = pay.Json.GetProperty("paymentId").GetGuid();
        var notification = school.Cashier.PaidContent(paymentId, orderId, pay.Json.GetProperty("amountFen").GetInt64());
        using var provider = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = traffic.Now + GiveUpAfter;
        while (traffic.Now < deadline)
        {
            var notified = await SendAsync(provider, HttpMethod.Post, School.Pages + "/pay/notify/sandbox", notification,
                "provider POST /pay/notify/sandbox", true, null, stop);
            if (notified.Ok)
            {
                acks.Payment(paymentId);
                if (pool.RefundThisOne())
                {
                    await refunds.WriteAsync(new PaidOrder(paymentId, orderId), stop);
                }

                return true;
            }

            await Task.Delay(RetryPause, stop);
        }

        return false;
    }

    private async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, Func<HttpContent>? content, string what, bool write,
        Func<Answer, string?>? problem, CancellationToken stop)
    {
        var instance = traffic.AnyInstance();
        var answer = await traffic.SendAsync(http, instance, method, path, content, what, write, problem, stop);
        last = new Sample(instance, what, TimeSpan.Zero, TimeSpan.Zero, write, answer.Error);
        await Task.Delay(Jitter(think), stop);
        return answer;
    }

    private HttpContent Photo()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(school.Photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "photo", "photo.jpg");
        return form;
    }

    private string Token(string page) => HtmlForms.Token(html.ParseDocument(page));

    // A student page that sends the student to sign in has lost the session.
    private static string? SignedOut(Answer answer) => answer.Status == 302 ? $"redirected to {answer.Location}" : null;

    private static Func<HttpContent> Json<T>(T value) => () => JsonContent.Create(value);

    /// <summary>Think time ±30 %, so the students do not march in step.</summary>
    public static TimeSpan Jitter(TimeSpan think) => think * (0.7 + (0.6 * Random.Shared.NextDouble()));
}
