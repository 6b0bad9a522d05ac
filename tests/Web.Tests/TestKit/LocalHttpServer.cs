using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>A real HTTP server on a free loopback port, answering with <paramref name="handle"/>; for provider fakes.</summary>
public sealed class LocalHttpServer(Func<HttpContext, Task> handle) : IAsyncDisposable
{
    private Action<WebApplication> _configure = app => app.Run(new RequestDelegate(handle));
    private WebApplication? _app;

    /// <summary>A server whose middleware and routes <paramref name="configure"/> sets up (fakes of REST APIs).</summary>
    public static LocalHttpServer WithRoutes(Action<WebApplication> configure) =>
        new(_ => Task.CompletedTask) { _configure = configure };

    /// <summary>Base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts listening.</summary>
    public async Task<LocalHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _configure(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return this;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
