using System.Globalization;
using Npgsql;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// What the machine spent while a part ran, from /proc and PostgreSQL: CPU of each instance's process, of PostgreSQL
/// (the postmaster and its children, the backends; a backend that exits during a window takes its time with it, so
/// that figure is a floor) and of the whole machine (every process, other engineers' builds included); the database's
/// transactions (each of the app's reads is one), the connections open at the end, the connections PostgreSQL
/// refused for want of a slot (its log's "too many clients"), and how many processes the machine started (each new
/// PostgreSQL connection is a process; a short-lived one's CPU shows in the machine's figure only).
/// </summary>
public sealed class Meter(IReadOnlyList<(string Name, int Pid)> processes, string? pgData, BenchDatabase db)
{
    private const double TicksPerSecond = 100;  // USER_HZ on Linux
    private static readonly int[] Busy = [1, 2, 3, 6, 7, 8];  // user nice system irq softirq steal, in /proc/stat
    private readonly int? postmaster = pgData is not null && File.Exists(Path.Combine(pgData, "postmaster.pid"))
        ? int.Parse(File.ReadLines(Path.Combine(pgData, "postmaster.pid")).First(), CultureInfo.InvariantCulture)
        : null;

    /// <summary>The names of the processes measured, in order.</summary>
    public IReadOnlyList<string> Names => [.. processes.Select(p => p.Name)];

    /// <summary>Runs <paramref name="during"/> and says what it cost.</summary>
    public async Task<Usage> MeasureAsync(Func<Task> during, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(during);
        var (ticks, postgres, machine, refused, forks) = (processes.Select(p => Ticks(p.Pid)).ToList(), PostgresTicks(), MachineTicks(), Refused(), Forks());
        var transactions = await TransactionsAsync(cancellationToken);
        var from = DateTime.UtcNow;
        await during();
        var seconds = (DateTime.UtcNow - from).TotalSeconds;
        double Cores(double before, double after) => (after - before) / TicksPerSecond / seconds;
        var cores = processes.Select((p, i) => Ticks(p.Pid) is { } after && ticks[i] is { } before ? Cores(before, after) : (double?)null).ToList();
        var transactionsPerSecond = (await TransactionsAsync(cancellationToken) - transactions) / seconds;
        // Each backend's time since the first reading (all of it for one started since); those that exited are lost.
        var postgresTicks = PostgresTicks().Sum(p => p.Value - postgres.GetValueOrDefault(p.Key));
        return new Usage(TimeSpan.FromSeconds(seconds), cores, Cores(0, postgresTicks), Cores(machine, MachineTicks()), transactionsPerSecond,
            Refused() - refused, (Forks() - forks) / seconds, await ConnectionsAsync(cancellationToken));
    }

    // utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the command name, which may hold spaces).
    private static double? Ticks(int pid) => Stat(pid) is { } f ? double.Parse(f[11], CultureInfo.InvariantCulture) + double.Parse(f[12], CultureInfo.InvariantCulture) : null;

    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;  // gone
        }
    }

    // CPU ticks of the postmaster and each of its children, by process id.
    private Dictionary<int, double> PostgresTicks()
    {
        if (postmaster is not { } pm)
        {
            return [];
        }

        var parent = pm.ToString(CultureInfo.InvariantCulture);
        return Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (pid, f: Stat(pid)))
            .Where(p => p.f is not null && (p.pid == pm || p.f[1] == parent))
            .ToDictionary(p => p.pid, p => double.Parse(p.f![11], CultureInfo.InvariantCulture) + double.Parse(p.f[12], CultureInfo.InvariantCulture));
    }

    private static double MachineTicks()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Busy.Sum(i => double.Parse(f[i], CultureInfo.InvariantCulture));
    }

    // Processes started since boot (a PostgreSQL backend is one per connection).
    private static long Forks() =>
        long.Parse(File.ReadLines("/proc/stat").First(l => l.StartsWith("processes ", StringComparison.Ordinal))[10..], CultureInfo.InvariantCulture);

    private int Refused()
    {
        var log = pgData is null ? null : Path.Combine(pgData, "server.log");
        return log is not null && File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains("too many clients", StringComparison.Ordinal)) : 0;
    }

    private Task<long> TransactionsAsync(CancellationToken cancellationToken) =>
        ScalarAsync("SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", cancellationToken);

    private async Task<int> ConnectionsAsync(CancellationToken cancellationToken) =>
        (int)await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'", cancellationToken);

    private Task<long> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        db.QueryAsync(async c =>
        {
            await using var command = new NpgsqlCommand(sql, c);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
}
