using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// The ceiling, then the product's pages and API under wrk, in the same run: each target is first checked with one
/// request per distinct URL and header (it must answer 200 with the page expected, e.g. the student's order number,
/// not a redirect to the sign-in page: a run on a redirect measures nothing), then warmed up briefly, then measured.
/// The ceiling runs without a script (the per-request Lua hooks would slow wrk itself at its rate); every product run
/// rotates over its requests with <see cref="WrkScript"/> and counts the answers other than 200.
/// </summary>
public sealed class PageMix(Settings settings, IReadOnlyList<StudentBrowser> students, PauseWatch pauses)
{
    private const double ShareGoal = 10;
    private static readonly TimeSpan P99Goal = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs every target; a target whose check fails is reported as not measured.</summary>
    public async Task<IReadOnlyList<Row>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        using var check = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var hello = new WrkRequest("/", null, null, "Hello");
        await CheckAsync(check, settings.Ceiling, [hello], cancellationToken);
        Report.Progress($"ceiling: wrk -t{settings.Threads} -c{settings.Connections} -d{settings.WrkSeconds}s on {settings.Ceiling}");
        await Wrk.RunAsync(settings, settings.Ceiling, null, settings.WarmUpSeconds, cancellationToken);
        pauses.Restart();
        var ceiling = await Wrk.RunAsync(settings, settings.Ceiling, null, settings.WrkSeconds, cancellationToken);
        pauses.Take("ceiling");
        rows.Add(Measured("ceiling", "bare ASP.NET Core app, `GET /` → \"Hello\" (a process of its own)", ceiling, ceiling.RequestsPerSecond, null));
        Report.Progress($"ceiling: {ceiling.RequestsPerSecond:#,0} req/s");

        foreach (var (part, what, requests, goal) in Targets())
        {
            var url = new Uri(settings.Product, requests[0].Path);
            try
            {
                await CheckAsync(check, settings.Product, requests, cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                rows.Add(new Row(part, what) { Errors = Report.Errors([e.Message]), Goal = goal ? GoalText : "–", Met = goal ? false : null });
                Report.Progress($"{what}: not measured: {e.Message}");
                continue;
            }

            var script = WrkScript.For(requests);
            Report.Progress($"{what}: wrk over {requests.Count} request(s)");
            await Wrk.RunAsync(settings, url, script, settings.WarmUpSeconds, cancellationToken);
            pauses.Restart();
            var cores = CpuSplit.Now(settings.ProductPid);
            var result = await Wrk.RunAsync(settings, url, script, settings.WrkSeconds, cancellationToken);
            var used = CpuSplit.Now(settings.ProductPid).Since(cores);
            var pause = pauses.Take(string.Join('/', requests[0].Path.Split('/').Select(p => Guid.TryParse(p, out _) ? "{id}" : p)));
            rows.Add(Measured(part, what, result, ceiling.RequestsPerSecond, goal ? GoalText : null));
            Report.Progress($"{what}: {result.RequestsPerSecond:#,0} req/s, p99 {Stats.Ms(result.P99)}, max {Stats.Ms(result.Max)}, " +
                $"{result.Unexpected} not 200; the bench's clock paused at most {Stats.Ms(pause)}; {used}");
        }

        return rows;
    }

    private static string GoalText => $"≥ {ShareGoal:0} % of ceiling, p99 ≤ {P99Goal.TotalMilliseconds:0} ms";

    // What wrk measures after the ceiling: the part, the label, the requests it rotates over, whether the issue's
    // page goal applies (the order list's; "the school home and the other student pages at least as fast", the API's
    // order list likewise).
    private IEnumerable<(string Part, string What, IReadOnlyList<WrkRequest> Requests, bool Goal)> Targets()
    {
        var pages = StudentBrowser.School.Pages;
        var cookie = (string path, string expect) => (IReadOnlyList<WrkRequest>)students
            .Select(s => new WrkRequest(path.Replace("{id}", s.OrderId.ToString(), StringComparison.Ordinal), "Cookie", s.CookieHeader(settings.Product), expect.Replace("{number}", s.OrderNumber, StringComparison.Ordinal)))
            .ToList();
        var n = students.Count;
        yield return ("pages", "`/healthz` (anonymous, one query)", [new WrkRequest("/healthz", null, null, "\"silos\"")], false);
        yield return ("pages", $"school home `{pages}/` (anonymous)", [new WrkRequest(pages + "/", null, null, "data-test=\"upload-code\"")], true);
        yield return ("pages", $"**order list** `{pages}/orders` (signed in, {n} students' cookies in turn, one paid order each)", cookie(pages + "/orders", "{number}"), true);
        yield return ("pages", $"order page `{pages}/orders/{{id}}` (signed in)", cookie(pages + "/orders/{id}", "{number}"), true);
        yield return ("pages", $"account `{pages}/account` (signed in)", cookie(pages + "/account", "{number}"), true);
        yield return ("pages", $"collection state `{pages}/collect/capture` (signed in: the campaign, the student's step)", cookie(pages + "/collect/capture", "name=\"Photo\""), true);
        yield return ("API", $"order list `GET {StudentBrowser.School.Api}/orders` (bearer, {n} students' tokens in turn)",
            students.Select(s => new WrkRequest(StudentBrowser.School.Api + "/orders", "Authorization", "Bearer " + s.BearerToken, s.OrderNumber!)).ToList(), true);
    }

    private static Row Measured(string part, string what, WrkResult result, double ceiling, string? goal)
    {
        var share = 100 * result.RequestsPerSecond / ceiling;
        return new Row(part, what)
        {
            Rate = result.RequestsPerSecond,
            OfCeiling = share,
            P50 = result.P50,
            P99 = result.P99,
            Max = result.Max,
            Count = result.Requests,
            Errors = Report.Errors([("not 200", result.Unexpected), ("socket error or timeout", result.SocketErrors)]),
            Goal = goal ?? "–",
            Met = goal is null ? null : share >= ShareGoal && result.P99 <= P99Goal && result.Unexpected + result.SocketErrors == 0,
        };
    }

    // One request per distinct URL and header, as wrk will send it: 200 and the expected text, or the reason.
    private static async Task CheckAsync(HttpClient client, Uri server, IReadOnlyList<WrkRequest> requests, CancellationToken cancellationToken)
    {
        foreach (var r in requests.DistinctBy(r => (r.Path, r.Value)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, r.Path));
            if (r.Header is not null)
            {
                request.Headers.TryAddWithoutValidation(r.Header, r.Value);
            }

            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException($"GET {r.Path} answered {(int)response.StatusCode} {response.Headers.Location}");
            }

            if (!body.Contains(r.Expect, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {r.Path} answered 200 without '{r.Expect}'");
            }
        }
    }
}
