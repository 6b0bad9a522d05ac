using System.Diagnostics;
using System.Globalization;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// A PostgreSQL server of a test's own (initdb in a temporary folder, a free port), for tests that restart or stop
/// the database under a running app without disturbing the suite's shared one. The binaries are those
/// <c>./photocollect test</c> found (<c>PHOTOCOLLECT_PG_BIN</c>); as root the server runs as <c>postgres</c>.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string bin;
    private readonly string data;

    private OwnPostgres(string bin, string data, int port)
    {
        this.bin = bin;
        this.data = data;
        Port = port;
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A connection string for a database of this server (created by the app's migrations).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=t;Maximum Pool Size=20";

    /// <summary>Creates and starts a server.</summary>
    public static async Task<OwnPostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("PHOTOCOLLECT_PG_BIN")
            ?? throw new InvalidOperationException("PHOTOCOLLECT_PG_BIN is not set: run the tests with ./photocollect test.");
        // A path the postgres user can create (/tmp is open to all); initdb makes the folder itself.
        var server = new OwnPostgres(bin, Path.Combine(Path.GetTempPath(), "pc-pg-" + Guid.NewGuid().ToString("N")[..12]), FreePort.Next());
        await server.RunAsync("initdb", "-D", server.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is cut; how long the server was away.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        var clock = Stopwatch.StartNew();
        await RunAsync("pg_ctl", "-D", data, "-l", Path.Combine(data, "server.log"), "-m", "fast", "-w", "restart");
        return clock.Elapsed;
    }

    /// <summary>Stops the server (fast: connections are cut).</summary>
    public Task StopAsync() => RunAsync("pg_ctl", "-D", data, "-m", "fast", "-w", "stop");

    /// <summary>Starts the (stopped) server.</summary>
    public Task StartAgainAsync() => RunAsync("pg_ctl", "-D", data, "-l", Path.Combine(data, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {data} -c fsync=off", "start");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(data, recursive: true);
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "runuser" : Path.Combine(bin, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var a in (string[])["-u", "postgres", "--", Path.Combine(bin, tool)])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
