using System.Globalization;
using System.Threading.Channels;
using Photocollect.BenchKit;
using Photocollect.FaultBench;
using Photocollect.VisionLab;

// `./photocollect bench faults` starts two instances on a throwaway PostgreSQL and runs this against them: a
// bounded student load on both while PostgreSQL is restarted, stopped for 15 s, and the second instance is killed.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
string Option(string name) => options.Text(name);
int Number(string name, int fallback) => options.Number(name, fallback);

var students = Number("students", 8);
var think = TimeSpan.FromMilliseconds(Number("think-ms", 300));
var rosterSize = Number("roster", 400);
var warmUp = TimeSpan.FromSeconds(Number("warm-up-s", 15));
var quiet = TimeSpan.FromSeconds(Number("quiet-s", 20));
var stoppedFor = TimeSpan.FromSeconds(15);
var killPid = Number("kill-pid", 0);
var faults = new Faults(Option("pg-ctl"), Option("pg-data"), Option("pg-options"), options.Optional("pg-user"));

// ../shared beside the checkout, as the tests find it, unless PHOTOCOLLECT_SHARED says otherwise.
var faces = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { Length: > 0 } shared
    ? Path.Combine(shared, "data", "faces")
    : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/faces"));
Console.Error.WriteLine($"[faults] rendering the upload photo from {faces}");
var spec = new PhotoSpec();
var photo = Corpus.Render(Person.Load(Path.Combine(faces, "grace_hopper.jpg"), closeMouth: true), spec).Photo.ToJpeg(spec.Quality);

using var stop = new CancellationTokenSource();
var db = new BenchDatabase(Option("db"));
var school = new School(await db.SchoolIdAsync(School.Slug, CancellationToken.None), photo);
var traffic = new Traffic([new Uri(Option("a")), new Uri(Option("b"))]);
var acks = new Acknowledged();
using var admin = new Admin(traffic, acks, options.Optional("password") ?? "Demo-2025-pass");
await admin.SignInAsync(CancellationToken.None);
await admin.ImportRosterAsync(rosterSize, CancellationToken.None);
if (await db.CountAsync("""SELECT count(*) FROM "Roster" WHERE "StudentNumber" LIKE '2099%'""", null, CancellationToken.None) != rosterSize)
{
    throw new InvalidOperationException("the roster import did not write the bench's students");
}

var pool = new StudentPool(rosterSize);
var paid = Channel.CreateUnbounded<PaidOrder>();
Console.Error.WriteLine($"[faults] load: {students} students, {think.TotalMilliseconds} ms between requests, each request to A or B at random; warming up {warmUp.TotalSeconds} s");
var load = Enumerable.Range(0, students)
    .Select(_ => Task.Run(() => new Student(traffic, school, db, acks, pool, paid.Writer, think).RunAsync(stop.Token)))
    .Append(Task.Run(() => admin.RefundAsync(paid.Reader, think, stop.Token)))
    .ToList();

await Task.Delay(warmUp);
var windows = new List<Window>();

// The stretches follow each other without a gap: one begins when the last one's closing check is done, so every
// request sent after the warm-up is counted in one of them (the last one takes in those sent until the load stops).
var boundary = traffic.Now;
var tally = await acks.CheckAsync(db, CancellationToken.None);

async Task StretchAsync(string name, Func<Task<(TimeSpan Back, TimeSpan Down, int? Killed)>> fault)
{
    var at = traffic.Now;
    Console.Error.WriteLine($"[faults] {at.TotalSeconds:0.0} s: {name}");
    var (back, down, killed) = await fault();
    if (back + quiet > traffic.Now)
    {
        await Task.Delay(back + quiet - traffic.Now);
    }

    var after = await acks.CheckAsync(db, CancellationToken.None);
    var window = new Window(name, boundary, at, traffic.Now, back, quiet, down, killed, tally, after);
    (boundary, tally) = (window.End, after);
    windows.Add(window);
    Console.Error.WriteLine($"[faults] {traffic.Now.TotalSeconds:0.0} s: {name} done; recovery {window.Recovery(window.Of(traffic.Samples))}");
}

await StretchAsync("none (baseline)", () => Task.FromResult((traffic.Now, TimeSpan.Zero, (int?)null)));
await StretchAsync("PostgreSQL restart (pg_ctl restart -m fast)", async () =>
{
    var t0 = traffic.Now;
    await faults.RestartAsync(CancellationToken.None);
    return (traffic.Now, traffic.Now - t0, null);
});
await StretchAsync($"PostgreSQL stopped {stoppedFor.TotalSeconds:0} s (stop -m fast, start)", async () =>
{
    var t0 = traffic.Now;
    await faults.StopAsync(CancellationToken.None);
    await Task.Delay(t0 + stoppedFor - traffic.Now);
    await faults.StartAsync(CancellationToken.None);
    return (traffic.Now, traffic.Now - t0, null);
});
await StretchAsync("kill -9 of instance B", async () =>
{
    var t0 = traffic.Now;
    await Faults.KillAsync(killPid);
    return (t0, TimeSpan.Zero, 1);
});
windows[^1] = windows[^1] with { End = TimeSpan.MaxValue };

await stop.CancelAsync();
paid.Writer.Complete();
await Task.WhenAll(load);
var final = await acks.CheckAsync(db, CancellationToken.None);

var all = traffic.Samples;
Console.WriteLine(Report.Markdown(windows, all, pool.GivenUp));
var baseline = windows[0].Of(all);
var seconds = (windows[1].Start - windows[0].Start).TotalSeconds;
var warm = all.Where(s => s.Sent < windows[0].Start).ToList();
Console.WriteLine($"Warm-up before the table ({warmUp.TotalSeconds:0} s): {warm.Count} requests, {warm.Count(s => !s.Ok)} errors.");
Console.WriteLine($"Load: {students} students, {think.TotalMilliseconds:0} ms between requests: {baseline.Count / seconds:0.0} requests/s ({baseline.Count(s => s.Write) / seconds:0.0} writes/s) in the baseline; " +
    $"{all.Count} requests in all; student flows completed {pool.Done}, given up {pool.Abandoned}; refunds acknowledged {admin.Refunded}, given up {admin.GivenUp}.");
Console.WriteLine($"At the end: acknowledged orders {final.Orders} (in the database {final.OrdersFound}; all orders there {final.OrdersInDb}), " +
    $"payments {final.Payments} ({final.PaymentsFound}; all succeeded {final.PaymentsInDb}), refunds {final.Refunds} ({final.RefundsFound}; all {final.RefundsInDb}).");
if (final.Lost > 0 || windows.Any(w => w.Before.Lost > 0 || w.After.Lost > 0))
{
    Console.WriteLine("ACKNOWLEDGED WRITES LOST: see the table.");
    return 1;
}

Console.WriteLine("No acknowledged write lost.");
return 0;
