using System.Globalization;
using Npgsql;
using Photocollect.BenchKit;
using Photocollect.QueueBench;

// `./photocollect bench queue` starts PostgreSQL and two instances and runs this against them (issue 14, "Measured"):
// a burst of scans of one session's ticket, event streams reached by a call, and the grain's host killed mid-burst.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = BenchOptions.Parse(args);
int Number(string name, int? fallback = null) => options.Number(name, fallback);

var burstStudents = Number("students", 500);
var burstWindow = TimeSpan.FromSeconds(Number("burst-s", 10));
var calls = Number("calls", 5);
var killStudents = Number("kill-students", 200);
var killWindow = TimeSpan.FromSeconds(Number("kill-burst-s", 4));
var password = options.Optional("password") ?? "Demo-2025-pass";
var instances = new KillPart.Instances([Number("pid-a"), Number("pid-b")], [Number("silo-a"), Number("silo-b")], [Number("gateway-a"), Number("gateway-b")]);
var cancel = CancellationToken.None;

var traffic = new Traffic([new Uri(options.Text("a")), new Uri(options.Text("b"))]);
var db = new BenchDatabase(options.Text("db"));
var school = DemoSchool.Nanhu;
var tenantId = await db.SchoolIdAsync(school.Slug, cancel);
// The demo seed's sessions at the school: today's, then tomorrow's.
var sessions = await db.QueryAsync(async c =>
{
    await using var command = new NpgsqlCommand("""SELECT array_agg("Id" ORDER BY "Day") FROM "CollectionSessions" WHERE "TenantId" = @tenant""", c);
    command.Parameters.AddWithValue("tenant", tenantId);
    return await command.ExecuteScalarAsync(cancel) as Guid[] ?? [];
}, cancel);
if (sessions.Length < 2)
{
    throw new InvalidOperationException("the demo seed made no sessions today and tomorrow at nanhu");
}

using var admin = new StaffBrowser(traffic, school, "admin@nanhu.demo", password);
using var photographer = new StaffBrowser(traffic, school, "photographer@nanhu.demo", password);
using var connections = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AllowAutoRedirect = false };
var meter = new Meter([("A", instances.Pids[0]), ("B", instances.Pids[1]), ("bench", Environment.ProcessId)], options.Optional("pg-data"), db);
var bench = new Bench(traffic, db, school, tenantId, new Photographer(photographer, school), new Burst(traffic, school), meter);

Console.WriteLine($"Run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}; {Environment.ProcessorCount} cores, load average at the start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.\n");
const long FirstNumber = 2099000001;
var students = burstStudents + killStudents;
bench.Say($"set-up: the school admin imports {students} roster students; {students} students sign in, verify, order on site and pay (not timed)");
await admin.SignInAsync(cancel);
await admin.ImportRosterAsync(FirstNumber, students, cancel);
await photographer.SignInAsync(cancel);
using var enrolment = new Enrolment(traffic, db, school, new SandboxCashier(tenantId), connections);
var paid = await enrolment.EnrolAsync(students, FirstNumber, 16, cancel);
bench.Say($"set-up: {paid.Count} paid students ({traffic.Samples.Count} requests)");

var (burst, burstRight) = await ScanBurstPart.RunAsync(bench, [.. paid.Take(burstStudents)], sessions[0], burstWindow, cancel);
Console.WriteLine($"### 1. Burst: {burstStudents} scans of one ticket of today's session within {burstWindow.TotalSeconds:0} s\n");
Console.WriteLine(burst);

var streams = await StreamsPart.RunAsync(bench, [.. paid.Take(burstStudents)], sessions[0], calls, cancel);
Console.WriteLine($"### 2. Event streams: {burstStudents} open, {calls} calls\n");
Console.WriteLine(streams);

var (kill, killRight) = await KillPart.RunAsync(bench, [.. paid.Skip(burstStudents)], sessions[1], killWindow, instances, cancel);
Console.WriteLine($"### 3. The grain's host killed mid-burst: {killStudents} scans of tomorrow's session\n");
Console.WriteLine(kill);

bench.Say(burstRight && killRight ? "numbers: right in both bursts" : "NUMBERS WRONG: see the tables");
return burstRight && killRight ? 0 : 1;
