using System.Net.Http.Json;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// Students scanning one ticket: each sends <c>POST /offline/queue</c> at its own moment, spread evenly over the
/// window whatever the answers (open loop: a slow answer does not hold the next student back), to its home instance.
/// A failed try (no answer, a lost connection, a 5xx) is sent again after <see cref="RetryPause"/> to the other
/// instance, or to the survivor once one is dead, as a balancer would, until <c>retryFor</c> has passed since the
/// first try; with <c>retryFor</c> zero nothing is retried.
/// </summary>
public sealed class Burst(Traffic traffic, DemoSchool school)
{
    /// <summary>Pause before a failed scan is sent again.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private int dead = -1;

    /// <summary>An instance was killed: retries go to the other one from now on.</summary>
    public void Died(int instance) => Volatile.Write(ref dead, instance);

    /// <summary>Every student scans <paramref name="ticket"/> once, spread over <paramref name="window"/>.</summary>
    public async Task<IReadOnlyList<Scan>> RunAsync(IReadOnlyList<PaidStudent> students, string ticket, TimeSpan window, TimeSpan retryFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(students);
        var start = traffic.Now;
        var scans = students.Select((s, i) => ScanAsync(s, start + (window * i / students.Count), ticket, retryFor, cancellationToken));
        return await Task.WhenAll(scans);
    }

    /// <summary>A scan (or a rescan) through one instance, nothing retried: the number, or the error.</summary>
    public async Task<(int? Number, string? Error)> ScanOnceAsync(PaidStudent student, int instance, string ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        var answer = await traffic.SendAsync(student.Http, instance, HttpMethod.Post, school.Api + "/offline/queue", () => JsonContent.Create(new { ticket }),
            "api POST /offline/queue", true, null, cancellationToken);
        return answer.Ok ? (answer.Json.GetProperty("number").GetInt32(), null) : (null, answer.Error);
    }

    /// <summary>The student's place as <c>GET /offline/queue</c> tells it: the number, or the error.</summary>
    public async Task<(int? Number, string? Error)> PlaceAsync(PaidStudent student, int instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        var answer = await traffic.SendAsync(student.Http, instance, HttpMethod.Get, school.Api + "/offline/queue", null, "api GET /offline/queue", false, null, cancellationToken);
        return answer.Ok ? (answer.Json.GetProperty("number").GetInt32(), null) : (null, answer.Error);
    }

    private async Task<Scan> ScanAsync(PaidStudent student, TimeSpan at, string ticket, TimeSpan retryFor, CancellationToken cancellationToken)
    {
        if (at > traffic.Now)
        {
            await Task.Delay(at - traffic.Now, cancellationToken);
        }

        var sent = traffic.Now;
        var errors = new List<(int, string)>();
        var instance = student.Home;
        while (true)
        {
            var (number, error) = await ScanOnceAsync(student, instance, ticket, cancellationToken);
            if (number is { } issued)
            {
                return new Scan(student, sent, traffic.Now, issued, instance, errors);
            }

            errors.Add((instance, error!));
            if (traffic.Now - sent >= retryFor || Traffic.IsRefusal(error!))
            {
                return new Scan(student, sent, null, null, instance, errors);
            }

            await Task.Delay(RetryPause, cancellationToken);
            instance = Volatile.Read(ref dead) is var d and >= 0 ? 1 - d : 1 - instance;
        }
    }
}
