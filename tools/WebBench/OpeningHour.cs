using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// The opening hour: <see cref="Settings.Students"/> new students arriving evenly over the window, each walking the
/// whole online flow on the pages as a phone browser does (every form posted with its anti-forgery token, every
/// redirect followed to the page it leads to): the sign-in page, an SMS code and the code back, the collection code
/// as a picture of its QR code (<see cref="CodePicture"/>), the feature code, the standards, the 12 MP photo, the
/// submit, paying at the Sandbox cashier and the provider's signed notification, the paid order's page and the order
/// list. A step is timed from its request to the end of the HTML the student then sees (the photo from the upload's
/// last byte); between steps the student pauses (<see cref="Settings.Think"/> ±30 %). A failed step ends that
/// student's flow. Arrivals end early enough that every flow can end inside the window; flows still running a
/// minute after it are stopped and counted as not done.
/// </summary>
public sealed partial class OpeningHour(Settings settings, Seeder seeder, BenchDatabase db, byte[] photo, long priceFen)
{
    private static readonly TimeSpan StepGoal = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan PhotoGoal = TimeSpan.FromMilliseconds(1500);

    private readonly Timings signInPage = new(), sendCode = new(), signIn = new(), code = new(), verify = new(), standards = new(), upload = new(),
        submit = new(), pay = new(), notify = new(), orderPage = new(), orderList = new(), flows = new();

    private List<StudentBrowser> students = [];
    private byte[][] pictures = [];
    private int arrived;
    private int finished;
    private long lastEnd;

    /// <summary>
    /// Before the window: the students (roster students not used yet) and their code pictures, drawn now because a
    /// 1080×2400 PNG costs this machine about 0.1 s of CPU, which would otherwise be taken from the product.
    /// </summary>
    public void Prepare(CancellationToken cancellationToken)
    {
        students = Enumerable.Range(0, settings.Students).Select(_ => seeder.NextStudent()).ToList();
        Report.Progress($"opening hour: drawing {students.Count:#,0} code pictures");
        pictures = new byte[students.Count][];
        Parallel.For(0, students.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => pictures[i] = CodePicture.Screenshot(StudentBrowser.School.CollectionCode(students[i].StudentNumber)));
    }

    /// <summary>Runs it (after <see cref="Prepare"/>) and returns a row per step and one for the whole flows.</summary>
    public async Task<IReadOnlyList<Row>> RunAsync(CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromMinutes(settings.Minutes);
        // A flow is 11 pauses and 12 steps: arrivals stop that long and a margin before the window ends (at most half
        // the window: a short window crowds its arrivals).
        var tail = TimeSpan.FromTicks(Math.Min(window.Ticks / 2, ((settings.Think * 12) + TimeSpan.FromSeconds(8)).Ticks));
        var arrivals = window - tail;
        Report.Progress($"opening hour: {settings.Students} students arriving evenly over {arrivals.TotalSeconds:0} s of a {window.TotalSeconds:0} s window, {settings.Think.TotalMilliseconds:0} ms between steps");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(window + TimeSpan.FromMinutes(1));
        var started = Stopwatch.GetTimestamp();
        using var progress = new Timer(_ => Report.Progress(
            $"opening hour: {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s: {Volatile.Read(ref arrived)} arrived, {Volatile.Read(ref finished)} done, {flows.ErrorCount} failed"),
            null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
        var walks = Enumerable.Range(0, settings.Students).Select(i => Task.Run(async () =>
        {
            var due = arrivals * i / settings.Students - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, stop.Token);
            }

            Interlocked.Increment(ref arrived);
            using var student = students[i];
            var flowStart = Stopwatch.GetTimestamp();
            string? failed;
            try
            {
                failed = await WalkAsync(student, pictures[i], stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                failed = "not done a minute after the window";
            }

            flows.Add((failed is null ? Stopwatch.GetElapsedTime(flowStart) : null, failed));
            if (failed is null)
            {
                Interlocked.Increment(ref finished);
                InterlockedMax(ref lastEnd, Stopwatch.GetElapsedTime(started).Ticks);
            }
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(walks);

        var per = (string what, Timings t, TimeSpan goal) => t.Row("opening hour", what) with { Goal = $"0 errors, p99 ≤ {Stats.Ms(goal)}", Met = t.Meets(null, goal) };
        var last = TimeSpan.FromTicks(Interlocked.Read(ref lastEnd));
        return
        [
            per("sign-in page", signInPage, StepGoal),
            per("send an SMS code (the page says it was sent)", sendCode, StepGoal),
            per("sign in with the code → code page", signIn, StepGoal),
            per("code picture (1080×2400 PNG screenshot of the QR) → verify page", code, StepGoal),
            per("verify (feature code) → standards page", verify, StepGoal),
            per("standards (both boxes) → camera page", standards, StepGoal),
            per("**photo** (12 MP JPEG; last byte → result page)", upload, PhotoGoal),
            per("submit → order page", submit, StepGoal),
            per("pay → Sandbox cashier page", pay, StepGoal),
            per("provider's signed notification `POST /pay/notify/sandbox`", notify, StepGoal),
            per("order page, paid (back from the cashier)", orderPage, StepGoal),
            per("order list", orderList, StepGoal),
            flows.Row("opening hour", $"**whole flows** (pauses included): {finished:#,0} of {settings.Students:#,0} students done, the last at {last.TotalSeconds:0} s of {window.TotalSeconds:0} s")
                with { Goal = "0 errors, every student done inside the window", Met = flows.ErrorCount == 0 && finished == settings.Students && last <= window },
        ];
    }

    // One student's flow; the failed step's error, or null when the student got to the order list.
    private async Task<string?> WalkAsync(StudentBrowser student, byte[] picture, CancellationToken stop)
    {
        var pages = StudentBrowser.School.Pages;
        var collect = pages + "/collect";
        string? failure = null;

        // Pauses (unless told not to), then takes one step and records its time or its error.
        async Task<bool> Step(Timings step, Func<Task<Answer>> take, bool think = true)
        {
            if (think)
            {
                await ThinkAsync(stop);
            }

            var sent = Stopwatch.GetTimestamp();
            var answer = await take();
            step.Add((answer.Ok ? Stopwatch.GetElapsedTime(sent) : null, answer.Error));
            failure = answer.Error;
            return answer.Ok;
        }

        if (!await Step(signInPage, () => student.OpenSignInAsync(collect, stop), think: false)
            || !await Step(sendCode, () => student.SendCodeAsync(collect, stop)))
        {
            return failure;
        }

        string sms;
        try
        {
            sms = await student.SmsCodeAsync(db, stop);
        }
        catch (InvalidOperationException e)
        {
            signIn.Add((null, e.Message));
            return e.Message;
        }

        if (!await Step(signIn, () => student.SignInAsync(sms, collect, stop)))
        {
            return failure;
        }

        // The code page's form is an upload form too: its time is from the first byte (the picture is small), and a
        // busy answer is sent again as the page's script does.
        await ThinkAsync(stop);
        var token = student.FormToken ?? "";
        var read = await student.UploadAsync("page POST /collect (code picture)", collect, () =>
        {
            var file = new ByteArrayContent(picture);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "Picture", "screenshot.png" } };
        }, "page GET /collect/verify", stop);
        code.Resent(read.Busy);
        code.Add((read.FromStart, read.Answer.Error));
        if (read.FromStart is null)
        {
            return read.Answer.Error ?? "no time";
        }

        if (!await Step(verify, () => student.SubmitAsync("page POST /collect/verify", collect + "/verify",
                HtmlForms.Form(("FeatureCode", StudentBrowser.School.FeatureCode), ("Phone", ""), ("__RequestVerificationToken", student.FormToken ?? "")), "page GET /collect/standards", stop))
            || !await Step(standards, () => student.SubmitAsync("page POST /collect/standards", collect + "/standards",
                HtmlForms.Form(("Understood", "true"), ("FaceConsent", "true"), ("__RequestVerificationToken", student.FormToken ?? "")), "page GET /collect/capture", stop)))
        {
            return failure;
        }

        await ThinkAsync(stop);
        var uploaded = await student.UploadPhotoAsync("12 MP", photo, stop);
        upload.Add(uploaded);
        if (uploaded.FromLastByte is null)
        {
            return uploaded.Answer.Error ?? "no time";
        }

        if (!await Step(submit, () => student.SubmitAsync("page POST /collect/result/{id}", student.CurrentPath!,
            HtmlForms.Form(("Confirmed", "true"), ("__RequestVerificationToken", student.FormToken ?? "")), "page GET /orders/{id}", stop)))
        {
            return failure;
        }

        var orderPath = student.CurrentPath!;
        var orderId = Guid.Parse(orderPath.Split('/')[^1]);
        if (!await Step(pay, () => student.SubmitAsync("page POST /orders/{id}?handler=Pay", orderPath + "?handler=Pay",
            HtmlForms.Form(("__RequestVerificationToken", student.FormToken ?? "")), "page GET /pay/sandbox/{id}", stop)))
        {
            return failure;
        }

        var paymentId = Guid.Parse(student.CurrentPath!.Split('?')[0].Split('/')[^1]);
        if (!await Step(notify, () => seeder.NotifyAsync(paymentId, orderId, priceFen, stop), think: false)
            || !await Step(orderPage, async () =>
            {
                var page = await student.PageAsync("page GET /orders/{id} (paid)", orderPath, stop);
                return page.Ok && OrderStatus().Match(page.Body) is { Success: true } m && m.Groups[1].Value == "PendingPayment"
                    ? page with { Error = "HTTP 200 the order is still unpaid after the provider's notification" } : page;
            })
            || !await Step(orderList, async () =>
            {
                var page = await student.PageAsync("page GET /orders", pages + "/orders", stop);
                return page.Ok && !page.Body.Contains("data-test=\"order\"", StringComparison.Ordinal) ? page with { Error = "HTTP 200 the order list shows no order" } : page;
            }))
        {
            return failure;
        }

        return null;
    }

    private Task ThinkAsync(CancellationToken stop) => Task.Delay(settings.Think * (0.7 + (0.6 * Random.Shared.NextDouble())), stop);

    private static void InterlockedMax(ref long target, long value)
    {
        for (var seen = Interlocked.Read(ref target); value > seen; seen = Interlocked.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [GeneratedRegex("data-test=\"order-card\" data-status=\"([A-Za-z]+)\"")]
    private static partial Regex OrderStatus();
}
