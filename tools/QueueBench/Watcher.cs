using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// A student's phone on the queue page: one open <c>GET /offline/queue/events</c> stream (server-sent events, bearer
/// token) on the student's home instance, noting when each called number was first seen in a <c>queue</c> event.
/// </summary>
public sealed class Watcher(PaidStudent student, Traffic traffic, DemoSchool school)
{
    private readonly ConcurrentDictionary<int, TimeSpan> firstSeen = new();
    private int lastCalled = -1;

    /// <summary>The student.</summary>
    public PaidStudent Student => student;

    /// <summary>When the stream's first event arrived, or null.</summary>
    public TimeSpan? Opened { get; private set; }

    /// <summary>Why the stream failed or ended early, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Events received.</summary>
    public int Events { get; private set; }

    /// <summary>The highest called number seen so far (−1 before the first event).</summary>
    public int LastCalled => Volatile.Read(ref lastCalled);

    /// <summary>When an event first showed <paramref name="called"/> (or a later number) as called, or null.</summary>
    public TimeSpan? SawCalled(int called) => firstSeen.TryGetValue(called, out var at) ? at : null;

    /// <summary>Reads the stream until <paramref name="stop"/>.</summary>
    /// <param name="http">A client without a timeout (the stream stays open), shared by the watchers.</param>
    /// <param name="stop">Closes the stream.</param>
    public async Task RunAsync(HttpClient http, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(traffic.Instances[student.Home], school.Api + "/offline/queue/events"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            if (!response.IsSuccessStatusCode)
            {
                Error = $"HTTP {(int)response.StatusCode}";
                return;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    Seen(traffic.Now, JsonDocument.Parse(line[5..]).RootElement.GetProperty("called").GetInt32());
                }
            }

            Error = "stream ended";
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            Error = e.GetType().Name + ": " + e.Message;
        }
    }

    private void Seen(TimeSpan at, int called)
    {
        Events++;
        Opened ??= at;
        for (var n = Math.Max(LastCalled + 1, 0); n <= called; n++)
        {
            firstSeen.TryAdd(n, at);
        }

        if (called > LastCalled)
        {
            Volatile.Write(ref lastCalled, called);
        }
    }
}
