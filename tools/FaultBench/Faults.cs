using System.Diagnostics;

namespace Photocollect.FaultBench;

/// <summary>
/// The faults: PostgreSQL restarted or stopped and started with its own pg_ctl (as the cluster's owner when the
/// bench runs as root), and an instance killed with SIGKILL.
/// </summary>
/// <param name="pgCtl">pg_ctl of the cluster's PostgreSQL version.</param>
/// <param name="pgData">The cluster's data folder.</param>
/// <param name="pgOptions">The server options it was started with (port, address, socket folder), for a start after a stop.</param>
/// <param name="pgUser">The user to run pg_ctl as, or null for this one.</param>
public sealed class Faults(string pgCtl, string pgData, string pgOptions, string? pgUser)
{
    /// <summary><c>pg_ctl restart -m fast</c>: returns once the server accepts connections again.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["-D", pgData, "-m", "fast", "-w", "-t", "60", "restart"], cancellationToken);

    /// <summary><c>pg_ctl stop -m fast</c>: returns once the server is down.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["-D", pgData, "-m", "fast", "-w", "-t", "60", "stop"], cancellationToken);

    /// <summary><c>pg_ctl start</c> with the options the cluster had: returns once it accepts connections.</summary>
    public Task StartAsync(CancellationToken cancellationToken) =>
        PgCtlAsync(["-D", pgData, "-l", Path.Combine(pgData, "server.log"), "-w", "-t", "60", "-o", pgOptions, "start"], cancellationToken);

    /// <summary>kill -9: the instance says goodbye to no one.</summary>
    public static async Task KillAsync(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
    }

    private async Task PgCtlAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = pgUser is null ? new ProcessStartInfo(pgCtl) : new ProcessStartInfo("runuser") { ArgumentList = { "-u", pgUser, "--", pgCtl } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_ctl did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
