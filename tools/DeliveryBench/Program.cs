using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Photocollect.BenchKit;
using Photocollect.DeliveryBench;
using Photocollect.Vision;
using static Photocollect.BenchKit.Stats;

// `./photocollect bench delivery` starts PostgreSQL and the product and runs this against it (issue 15, "Measured"):
// the progress dashboard of a 20,000-student campaign, and a delivery batch of 5,000 photos streamed as one ZIP with
// the server's memory watched.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
var students = options.Number("students", 20_000);
var photos = options.Number("photos", 5_000);
var views = options.Number("views", 100);
var pid = options.Number("pid");
var cancel = CancellationToken.None;
var traffic = new Traffic([new Uri(options.Text("url"))]);
var db = new BenchDatabase(options.Text("db"));
var school = DemoSchool.Nanhu;
void Say(string text) => Console.Error.WriteLine($"[delivery] {text}");

Console.WriteLine($"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {Environment.ProcessorCount} cores, load average at the start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.\n");

// The one standard photo every produced student gets: a corpus face through the product's own engine.
var faces = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { Length: > 0 } shared
    ? Path.Combine(shared, "data", "faces")
    : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/faces"));
var standard = StandardPhoto.Create(File.ReadAllBytes(Path.Combine(faces, "grace_hopper.jpg"))).Jpeg
    ?? throw new InvalidOperationException("the corpus face gave no standard photo");
var tenant = await db.SchoolIdAsync(school.Slug, cancel);
var clock = Stopwatch.StartNew();
Say($"set-up: {students:N0} students verified at {school.Slug}, {photos:N0} of them produced with a {standard.Length / 1024} KB standard photo (not timed)");
await db.QueryAsync(c => Campaign20k.SeedAsync(c, tenant, students, photos, standard, cancel), cancel);
Say($"set-up: done in {clock.Elapsed.TotalSeconds:0.0} s");

using var admin = new StaffBrowser(traffic, school, "admin@nanhu.demo", options.Optional("password") ?? "Demo-2025-pass");
await admin.SignInAsync(cancel);

// 1. The dashboard, one admin reading it again and again (each view reads every student's facts).
async Task<List<TimeSpan>> ViewsAsync(string path, int count)
{
    for (var i = 0; i < 5; i++)
    {
        await admin.MustAsync(0, "warm-up " + path, HttpMethod.Get, school.Pages + path, null, null, cancel);
    }

    var times = new List<TimeSpan>();
    for (var i = 0; i < count; i++)
    {
        var sent = traffic.Now;
        await admin.MustAsync(0, "page GET " + path, HttpMethod.Get, school.Pages + path, null, null, cancel);
        times.Add(traffic.Now - sent);
    }

    return times;
}

Say($"dashboard: {views} views of /staff/progress");
var dashboard = await ViewsAsync("/staff/progress", views);
var list = await ViewsAsync("/staff/students", views);
var missing = await ViewsAsync("/staff/students?View=missing", Math.Max(10, views / 5));
var funnel = admin.Parse(await admin.MustAsync(0, "funnel", HttpMethod.Get, school.Pages + "/staff/progress", null, null, cancel));
string Stage(string name) => funnel.QuerySelector($"[data-test=funnel] [data-stage={name}]")?.GetAttribute("data-count") ?? "?";

Console.WriteLine($"### 1. Progress dashboard of a {students:N0}-student campaign\n");
Console.WriteLine("| page | views | p50 / p95 / p99 / max |");
Console.WriteLine("| --- | --- | --- |");
Console.WriteLine($"| `/staff/progress` (funnel, 4 breakdowns, trend, reasons, backlog, sessions) | {dashboard.Count} | {Spread(dashboard)} |");
Console.WriteLine($"| `/staff/students` (first page of 50, count) | {list.Count} | {Spread(list)} |");
Console.WriteLine($"| `/staff/students?View=missing` (not-collected list, first 500 shown) | {missing.Count} | {Spread(missing)} |");
Console.WriteLine($"\nThe funnel shown: verified {Stage("Verified")}, paid {Stage("Paid")}, approved {Stage("Approved")}, produced {Stage("Produced")}, rejected {Stage("Rejected")}, refunded {Stage("Refunded")}, closed {Stage("Closed")}.");
Console.WriteLine($"Goal: p95 ≤ 200 ms: {(Percentile(dashboard, 95) <= TimeSpan.FromMilliseconds(200) ? "met" : "NOT met")}.\n");

// 2. A batch of every produced photo, made by the form and downloaded as one ZIP.
var page = admin.Parse(await admin.MustAsync(0, "page GET /staff/deliveries", HttpMethod.Get, school.Pages + "/staff/deliveries", null, null, cancel));
clock.Restart();
await admin.MustAsync(0, "page POST create batch", HttpMethod.Post, school.Pages + "/staff/deliveries?handler=Create",
    HtmlForms.Form(("__RequestVerificationToken", HtmlForms.Token(page))), a => a.Status == 302 ? null : HtmlForms.PageError(a) ?? "no batch", cancel);
var made = clock.Elapsed;
page = admin.Parse(await admin.MustAsync(0, "page GET /staff/deliveries", HttpMethod.Get, school.Pages + "/staff/deliveries", null, null, cancel));
var batch = page.QuerySelector("[data-test=batch]") ?? throw new InvalidOperationException("no batch on the page");
var inBatch = int.Parse(batch.GetAttribute("data-photos")!, CultureInfo.InvariantCulture);
Say($"zip: batch of {inBatch:N0} photos made in {made.TotalMilliseconds:N0} ms; downloading");

long Rss() => long.Parse(Regex.Match(File.ReadAllText($"/proc/{pid}/status"), @"VmRSS:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture) / 1024;

// One download through the page to a file, timed to its first and last byte, with the server's resident memory
// sampled every 50 ms.
async Task<(TimeSpan FirstByte, TimeSpan Whole, long Bytes, long Before, long Peak)> DownloadAsync(string path, string file)
{
    var before = Rss();
    var peak = before;
    using var watching = new CancellationTokenSource();
    var watcher = Task.Run(async () =>
    {
        while (!watching.IsCancellationRequested)
        {
            peak = Math.Max(peak, Rss());
            await Task.Delay(50, CancellationToken.None);
        }
    });
    var timer = Stopwatch.StartNew();
    TimeSpan firstByte;
    long bytes;
    using (var response = await admin.Http.GetAsync(new Uri(traffic.Instances[0], school.Pages + path), HttpCompletionOption.ResponseHeadersRead, cancel))
    {
        response.EnsureSuccessStatusCode();
        firstByte = timer.Elapsed;
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await using var output = File.Create(file);
        await body.CopyToAsync(output, 1 << 20, cancel);
        bytes = output.Length;
    }

    var whole = timer.Elapsed;
    await watching.CancelAsync();
    await watcher;
    return (firstByte, whole, bytes, before, peak);
}

var file = Path.Combine(Path.GetTempPath(), $"delivery-bench-{Environment.ProcessId}.zip");
var (firstByte, download, bytes, before, peak) = await DownloadAsync("/staff/deliveries?handler=Zip&id=" + batch.GetAttribute("data-batch"), file);

using (var zip = ZipFile.OpenRead(file))
{
    var inZip = zip.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal));
    using var reader = new StreamReader(zip.GetEntry("validation.csv")!.Open());
    var rows = (await reader.ReadToEndAsync(cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
    Console.WriteLine($"### 2. Delivery batch of {inBatch:N0} photos as one ZIP\n");
    Console.WriteLine("| what | figure |");
    Console.WriteLine("| --- | --- |");
    Console.WriteLine($"| batch made by the form (names, collisions, items written) | {made.TotalMilliseconds:N0} ms |");
    Console.WriteLine($"| ZIP: first byte / whole | {firstByte.TotalMilliseconds:N0} ms / {download.TotalSeconds:0.00} s |");
    Console.WriteLine($"| ZIP size, photos in it, validation rows | {bytes / 1_048_576.0:N1} MB, {inZip:N0}, {rows:N0} |");
    Console.WriteLine($"| **throughput** | **{bytes / 1_048_576.0 / download.TotalSeconds:N1} MB/s** |");
    Console.WriteLine($"| server's resident memory: before / peak during the download | {before:N0} MB / {peak:N0} MB (+{peak - before:N0} MB) |");
    Console.WriteLine($"\nGoal: ≥ 50 MB/s with the server's memory flat: {(bytes / 1_048_576.0 / download.TotalSeconds >= 50 ? "met" : "NOT met")} (memory +{peak - before} MB for a {bytes / 1_048_576} MB ZIP).");
}

File.Delete(file);

// 3. The batch's print sheets (冲印排版) through the page, as PDF and as JPEG pages in a ZIP, in the default layout
// (5-inch sheets of 8 one-inch photos), with the server's memory watched: only with --prints 1, since each takes
// about 45 s of CPU for 5,000 photos on this machine (decoding, resampling and encoding every photo).
if (options.Number("prints", 0) > 0)
{
    Console.WriteLine($"\n### 3. Print sheets of the batch of {inBatch:N0} photos (5-inch, 8 one-inch photos a sheet)\n");
    Console.WriteLine("| format | first byte / whole | size | server's resident memory: before / peak; its CPU |");
    Console.WriteLine("| --- | --- | --- | --- |");
    foreach (var format in new[] { "pdf", "jpg" })
    {
        Say($"prints: {format} of {inBatch:N0} photos");
        var sheets = Path.Combine(Path.GetTempPath(), $"delivery-bench-{Environment.ProcessId}.{format}");
        var cpu = Cpu();
        var (first, whole, size, start, top) = await DownloadAsync($"/staff/deliveries?handler=Prints&format={format}&id={batch.GetAttribute("data-batch")}", sheets);
        var count = "";
        if (format == "jpg")
        {
            using var pages = ZipFile.OpenRead(sheets);
            count = $", {pages.Entries.Count:N0} sheets";
        }

        Console.WriteLine($"| {format.ToUpperInvariant()}{count} | {first.TotalMilliseconds:N0} ms / {whole.TotalSeconds:0.0} s | {size / 1_048_576.0:N1} MB | {start:N0} MB / {top:N0} MB (+{top - start:N0} MB); {(Cpu() - cpu).TotalSeconds:0.0} s CPU |");
        File.Delete(sheets);
    }
}

// The server's CPU time so far (user and system), from /proc.
TimeSpan Cpu()
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
}
