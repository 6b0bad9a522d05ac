using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace Photocollect.BenchKit;

/// <summary>One request as the client saw it: which instance, what, when it was sent and answered, and the error
/// (null when it succeeded).</summary>
public sealed record Sample(int Instance, string What, TimeSpan Sent, TimeSpan Done, bool Write, string? Error)
{
    /// <summary>Whether it succeeded.</summary>
    public bool Ok => Error is null;
}

/// <summary>An answer: status and body, or the transport error that stood in for one.</summary>
public sealed record Answer(int Status, string Body, Uri? Location, string? Error)
{
    /// <summary>Whether the request succeeded.</summary>
    public bool Ok => Error is null;

    /// <summary>The body as JSON.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    /// <summary>How long the answer asked the client to wait before trying again (<c>Retry-After</c>), or null.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// Every request of the bench goes through here and is recorded with the clock the faults are timed on. A request
/// that the bench itself deems failed (a non-2xx/3xx answer, a transport error, a timeout, or a page that answered
/// with its error message) is recorded with the reason; nothing is retried here.
/// </summary>
public sealed class Traffic(IReadOnlyList<Uri> instances)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<Sample> samples = new();

    /// <summary>The instances' base URLs (A first).</summary>
    public IReadOnlyList<Uri> Instances { get; } = instances;

    /// <summary>Time since the bench started.</summary>
    public TimeSpan Now => clock.Elapsed;

    /// <summary>Everything recorded so far.</summary>
    public IReadOnlyList<Sample> Samples => [.. samples];

    /// <summary>Either instance, at random (a balancer without affinity; strict turns would tie a flow's retries to
    /// one instance).</summary>
    public int AnyInstance() => Random.Shared.Next(Instances.Count);

    /// <summary>
    /// Whether an error is the product's answer (a 4xx, or a page showing its error message) rather than no
    /// answer: a server error (5xx), a refused or lost connection, a timeout.
    /// </summary>
    public static bool IsRefusal(string error) =>
        error.StartsWith("HTTP ", StringComparison.Ordinal) && !error.StartsWith("HTTP 5", StringComparison.Ordinal);

    /// <summary>Instance name as the report prints it.</summary>
    public static string Name(int instance) => instance == 0 ? "A" : "B";

    /// <summary>Sends one request to an instance and records it.</summary>
    /// <param name="client">The virtual person's client (its cookies and token).</param>
    /// <param name="instance">0 = A, 1 = B.</param>
    /// <param name="method">GET or POST.</param>
    /// <param name="path">Path and query under the instance.</param>
    /// <param name="content">Makes the body (a body cannot be sent twice).</param>
    /// <param name="what">The label the report groups by, e.g. "api POST /collection/photos".</param>
    /// <param name="write">Whether the request changes something (for the read/write split).</param>
    /// <param name="problem">Says why an answer that came back 2xx/3xx is still a failure (a page showing its error),
    /// or null when it is fine.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Answer> SendAsync(HttpClient client, int instance, HttpMethod method, string path, Func<HttpContent>? content, string what, bool write,
        Func<Answer, string?>? problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var sent = Now;
        Answer answer;
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(Instances[instance], path)) { Content = content?.Invoke() };
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            answer = new Answer(status, body, response.Headers.Location, status is >= 200 and < 400 ? null : $"HTTP {status}{ProblemCode(response, body)}")
            {
                RetryAfter = response.Headers.RetryAfter?.Delta,
            };
            if (answer.Ok && problem?.Invoke(answer) is { } said)
            {
                answer = answer with { Error = $"HTTP {status} {said}" };
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskCanceledException)
        {
            answer = new Answer(0, "", null, "timeout (no answer within the client's 30 s)");
        }
        catch (HttpRequestException e)
        {
            answer = new Answer(0, "", null, Transport(e));
        }

        samples.Enqueue(new Sample(instance, what, sent, Now, write, answer.Error));
        return answer;
    }

    // The API's stable problem code, so "HTTP 500" and "HTTP 409 paid" are told apart.
    private static string ProblemCode(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return "";
        }

        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? $" {code.GetString()}" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Transport(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException s => $"socket: {s.SocketErrorCode}",
        IOException => $"connection lost ({e.HttpRequestError})",
        _ => $"transport: {e.HttpRequestError}",
    };
}
