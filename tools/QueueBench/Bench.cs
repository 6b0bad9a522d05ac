using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>What every part of the bench works with.</summary>
/// <param name="Traffic">Every request, recorded (instance 0 is A, 1 is B).</param>
/// <param name="Db">The bench's own reads.</param>
/// <param name="School">南湖师范学院, where the sessions are.</param>
/// <param name="TenantId">Its id.</param>
/// <param name="Station">The photographer at the station.</param>
/// <param name="Burst">The students' scans.</param>
/// <param name="Meter">What the parts cost the machine.</param>
public sealed record Bench(Traffic Traffic, BenchDatabase Db, DemoSchool School, Guid TenantId, Photographer Station, Burst Burst, Meter Meter)
{
    /// <summary>Progress on stderr; the tables go to stdout.</summary>
    public void Say(string text) => Console.Error.WriteLine($"[queue] {Traffic.Now.TotalSeconds,6:0.0} s  {text}");

    /// <summary>
    /// Every student scans again with <paramref name="ticket"/> through <paramref name="scanAt"/> and reads its place
    /// through <paramref name="readAt"/>: how many got the number they were answered in the burst, both ways.
    /// </summary>
    public async Task<(int SameScan, int SamePlace, IReadOnlyList<string> Different)> RescanAsync(IReadOnlyList<Scan> answered, Func<PaidStudent, int> scanAt,
        Func<PaidStudent, int> readAt, string ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(scanAt);
        ArgumentNullException.ThrowIfNull(readAt);
        int sameScan = 0, samePlace = 0;
        var different = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await Parallel.ForEachAsync(answered, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (scan, ct) =>
        {
            var again = await Burst.ScanOnceAsync(scan.Student, scanAt(scan.Student), ticket, ct);
            var place = await Burst.PlaceAsync(scan.Student, readAt(scan.Student), ct);
            if (again.Number == scan.Number)
            {
                Interlocked.Increment(ref sameScan);
            }
            else
            {
                different.Enqueue($"student {scan.Student.Index}: answered {scan.Number}, rescan {again.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? again.Error}");
            }

            if (place.Number == scan.Number)
            {
                Interlocked.Increment(ref samePlace);
            }
            else
            {
                different.Enqueue($"student {scan.Student.Index}: answered {scan.Number}, GET /offline/queue {place.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? place.Error}");
            }
        });
        return (sameScan, samePlace, [.. different]);
    }
}
