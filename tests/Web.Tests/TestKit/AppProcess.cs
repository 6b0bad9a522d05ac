using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The app as a real process (the built <c>Photocollect.Web.dll</c>), with its own web and silo ports, on a given
/// database: what <c>./photocollect replica</c> starts. Its output goes to a log file beside the test artifacts.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private AppProcess(Process process, StreamWriter log, string baseUrl, string logPath)
    {
        this.process = process;
        this.log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    /// <summary>e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; }

    /// <summary>Where its console output goes.</summary>
    public string LogPath { get; }

    /// <summary>Starts an instance and waits until its /healthz answers.</summary>
    public static async Task<AppProcess> StartAsync(string name, string connectionString, bool seed)
    {
        var port = FreePort.Next();
        var artifacts = Environment.GetEnvironmentVariable("PHOTOCOLLECT_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var logPath = Path.Combine(artifacts, $"{name}-{port}.log");
        var web = Path.Combine(RepositoryRoot(), "src", "Web");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(web, "bin", BuildConfiguration(), "net10.0", "Photocollect.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", web },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["Photocollect__Demo__Seed"] = seed ? "true" : "false";
        start.Environment["Photocollect__Demo__Password"] = AppFactory.Password;
        start.Environment["Photocollect__DevTools__Enabled"] = "true";
        start.Environment["Photocollect__Jobs__Enabled"] = "false";
        start.Environment["Photocollect__Uploads__Path"] = TestUploads.PathFor(connectionString);
        start.Environment["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var writer = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, writer, $"http://127.0.0.1:{port}", logPath);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {logPath}");
            }

            try
            {
                if ((await http.GetAsync(app.BaseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or one probe slower than its 5 s on a loaded machine: ask again until the deadline.
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"{name} did not answer /healthz within two minutes; see {logPath}");
    }

    /// <summary>The cluster's active silos as this instance sees them (/healthz).</summary>
    public async Task<int> SilosAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return (await http.GetFromJsonAsync<JsonElement>(BaseUrl + "/healthz")).GetProperty("silos").GetInt32();
    }

    /// <summary>Waits until this instance sees <paramref name="silos"/> active silos.</summary>
    public async Task WaitForSilosAsync(int silos, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (await SilosAsync() != silos)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{BaseUrl} still sees {await SilosAsync()} silos, not {silos}; see {LogPath}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>kill -9: no goodbye to the cluster.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        await log.DisposeAsync();
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Photocollect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Photocollect.sln not found above " + AppContext.BaseDirectory);
    }

    // tests/Web.Tests/bin/{configuration}/net10.0: the app is built in the same configuration.
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
