namespace Photocollect.WebBench;

/// <summary>
/// The ceiling the product's pages are compared with: the smallest ASP.NET Core app (what <c>dotnet new web</c>
/// makes), in Production, on loopback, logging warnings only. It runs as a process of its own, started by the script,
/// so that it and the product never share a runtime.
/// </summary>
public static class Hello
{
    /// <summary>Serves <c>GET /</c> with "Hello" on <paramref name="port"/> until the process is stopped.</summary>
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        app.MapGet("/", () => "Hello");
        await app.RunAsync();
    }
}
