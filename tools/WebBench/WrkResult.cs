namespace Photocollect.WebBench;

/// <summary>What one wrk run measured.</summary>
/// <param name="RequestsPerSecond">wrk's Requests/sec.</param>
/// <param name="P50">Its latency distribution's 50th percentile.</param>
/// <param name="P99">Its 99th percentile.</param>
/// <param name="Max">The slowest request.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="Unexpected">Answers other than 200, as the script counted them (or wrk's "Non-2xx or 3xx" count
/// when it ran without a script).</param>
/// <param name="SocketErrors">wrk's socket errors: connect, read, write and timeouts.</param>
public sealed record WrkResult(double RequestsPerSecond, TimeSpan P50, TimeSpan P99, TimeSpan Max, long Requests, long Unexpected, long SocketErrors);
