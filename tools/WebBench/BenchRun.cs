using System.Diagnostics;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// One run of <c>./photocollect bench web</c> against the instance the script started: the photos are rendered, the
/// roster imported and the students prepared (set-up: any failure stops the run), then the parts run one after
/// another (the page and API mixes, the photo step, the opening hour) and the one table is printed on stdout.
/// Progress goes to stderr. The whole run is bounded: past a generous estimate of its parts it is cancelled.
/// </summary>
public static class BenchRun
{
    /// <summary>Runs the bench; 0 when it printed its table.</summary>
    public static async Task<int> RunAsync(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var bound = new CancellationTokenSource(Budget(settings));
        var cancellationToken = bound.Token;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken)).Split(' ')[0] : "?";
        var started = Stopwatch.GetTimestamp();

        // ../shared beside the checkout, as the tests find it, unless PHOTOCOLLECT_SHARED says otherwise.
        var faces = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { Length: > 0 } shared
            ? Path.Combine(shared, "data", "faces")
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/faces"));
        Report.Progress($"rendering the photos from {faces}");
        var photos = Photos.Render(faces);

        var traffic = new Traffic([settings.Product]);
        var db = new BenchDatabase(settings.Database);
        using var seeder = new Seeder(traffic, db, new SandboxCashier(await db.SchoolIdAsync(DemoSchool.Beifang.Slug, cancellationToken)), photos, new AdmissionFaces(faces));
        Report.Progress($"set-up: the school admin imports a roster holding {settings.Needed:#,0} students whose admission photo is the bench's face");
        var roster = await seeder.ImportRosterAsync(settings.Needed, cancellationToken);
        Report.Progress($"set-up: {settings.PageStudents} students signed in on the pages and the API, through the API to a paid order; {settings.PhotoStudents} up to the camera");
        var paid = await seeder.PrepareAsync(settings.PageStudents, pay: true, cancellationToken);
        var uploaders = await seeder.PrepareAsync(settings.PhotoStudents, pay: false, cancellationToken);
        var setUp = Stopwatch.GetElapsedTime(started);

        var rows = new List<Row>();
        var cpu = new CpuMeter(settings.ProductPid);
        using var pauses = new PauseWatch();
        try
        {
            if (settings.Parts.Contains("mixes"))
            {
                rows.AddRange(await cpu.MeasureAsync("mixes", () => new PageMix(settings, paid, pauses).RunAsync(cancellationToken)));
            }

            if (settings.Parts.Contains("photo"))
            {
                pauses.Restart();
                rows.AddRange(await cpu.MeasureAsync("photo step", () => new PhotoStep(settings, photos.Phone).RunAsync(uploaders, paid, cancellationToken)));
                pauses.Take("photo step");
            }

            if (settings.Parts.Contains("opening"))
            {
                var opening = new OpeningHour(settings, seeder, db, photos.Phone, seeder.PriceFen!.Value);
                opening.Prepare(cancellationToken);
                pauses.Restart();
                rows.AddRange(await cpu.MeasureAsync("opening hour", () => opening.RunAsync(cancellationToken)));
                pauses.Take("opening hour");
            }
        }
        finally
        {
            foreach (var student in paid.Concat(uploaders))
            {
                student.Dispose();
            }
        }

        Console.WriteLine($"`./photocollect bench web` {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: one instance in Production configuration on a throwaway PostgreSQL, " +
            $"loopback, {Environment.ProcessorCount} cores shared by the product, PostgreSQL, wrk and this bench; load average {load} at the start. " +
            $"wrk -t{settings.Threads} -c{settings.Connections} -d{settings.WrkSeconds}s --latency after a {settings.WarmUpSeconds} s warm-up; " +
            $"set-up {setUp.TotalSeconds:0} s (roster of {roster:#,0}, {settings.PageStudents} paid students, {settings.PhotoStudents} uploaders), whole run {Stopwatch.GetElapsedTime(started).TotalMinutes:0.0} min.");
        Console.WriteLine();
        Console.Write(Report.Markdown(rows));
        Console.WriteLine();
        Console.WriteLine(cpu.Summary());
        Console.WriteLine();
        Console.WriteLine(pauses.Summary());
        return 0;
    }

    // Twice what the parts should take, and ten minutes for the set-up.
    private static TimeSpan Budget(Settings s) =>
        TimeSpan.FromMinutes(10)
        + (2 * TimeSpan.FromSeconds((8 * (s.WarmUpSeconds + s.WrkSeconds + 5)) + (s.SerialUploads * 5) + s.ConcurrentSeconds + 60))
        + (2 * TimeSpan.FromMinutes(s.Minutes + 2));
}
