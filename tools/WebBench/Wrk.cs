using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Photocollect.WebBench;

/// <summary>
/// Runs wrk (Debian's) against one URL and reads its report: Requests/sec, the <c>--latency</c> distribution's 50th
/// and 99th percentiles, the slowest request, socket errors, and the non-200 answers the script's <c>done</c> hook
/// prints. Each run is bounded: wrk is killed if it outlives its duration by half a minute.
/// </summary>
public static partial class Wrk
{
    /// <summary>Runs wrk on <paramref name="url"/> for <paramref name="seconds"/>, with the Lua script
    /// <paramref name="script"/> when there is one.</summary>
    public static async Task<WrkResult> RunAsync(Settings settings, Uri url, string? script, int seconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(url);
        var file = script is null ? null : Path.Combine(Path.GetTempPath(), $"photocollect-webbench-{Guid.NewGuid():N}.lua");
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { $"-t{settings.Threads}", $"-c{settings.Connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(argument);
        }

        if (file is not null)
        {
            await File.WriteAllTextAsync(file, script, cancellationToken);
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(file);
        }

        start.ArgumentList.Add(url.ToString());
        try
        {
            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
            var output = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = wrk.StandardError.ReadToEndAsync(cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
            try
            {
                await wrk.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                wrk.Kill();
                throw new TimeoutException($"wrk on {url} did not end within {seconds + 30} s");
            }

            var text = await output;
            if (wrk.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk on {url} failed ({wrk.ExitCode}): {await errors}{text}");
            }

            return Parse(text);
        }
        finally
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Reads wrk's report.</summary>
    public static WrkResult Parse(string report)
    {
        ArgumentNullException.ThrowIfNull(report);
        double Number(Regex pattern) => pattern.Match(report) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no {pattern} in wrk's report:\n{report}");
        TimeSpan Percentile(string p) => Time(Regex.Match(report, $@"^[ \t]+{p}%[ \t]+(\S+)", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value : throw new InvalidOperationException($"no {p}th percentile in wrk's report:\n{report}"));
        var socket = SocketErrors().Match(report);
        var counted = Counted().Match(report);
        var non2xx = Non2xx().Match(report);
        return new WrkResult(
            Number(RequestsPerSecond()),
            Percentile("50"),
            Percentile("99"),
            Time(Latency().Match(report).Groups[1].Value),
            (long)Number(Requests()),
            counted.Success ? long.Parse(counted.Groups[1].Value, CultureInfo.InvariantCulture)
                : non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
    }

    // wrk prints times as 734.00us, 1.23ms, 2.00s or 1.00m.
    private static TimeSpan Time(string text)
    {
        var m = Duration().Match(text);
        if (!m.Success)
        {
            throw new InvalidOperationException($"not a wrk time: '{text}'");
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "us" => TimeSpan.FromMicroseconds(value),
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            _ => TimeSpan.FromHours(value),
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^[ \t]+([0-9]+) requests in", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"^[ \t]+Latency[ \t]+\S+[ \t]+\S+[ \t]+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Latency();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: ([0-9]+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"^WEBBENCH unexpected ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex Counted();

    [GeneratedRegex(@"^([0-9.]+)(us|ms|s|m|h)$")]
    private static partial Regex Duration();
}
