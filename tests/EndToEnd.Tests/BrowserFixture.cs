using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The real app on a real loopback port (Kestrel) and Debian's Chromium driven by Playwright, headless, with a phone
/// viewport. Screenshots go to $PHOTOCOLLECT_ARTIFACTS (./photocollect test sets it) or the test's output folder.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The app.</summary>
    public AppFactory App { get; } = new();

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Folder for screenshots.</summary>
    public string Artifacts { get; } = Environment.GetEnvironmentVariable("PHOTOCOLLECT_ARTIFACTS")
        ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        Directory.CreateDirectory(Artifacts);

        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>
    /// Another Chromium with the suite's arguments and <paramref name="extra"/> ones (a fake camera: see
    /// <see cref="FakeCamera"/>); the caller disposes it.
    /// </summary>
    public Task<IBrowser> LaunchAsync(params string[] extra) => _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", .. extra,
        ],
    });

    /// <summary>A new phone-sized, Chinese-locale browser context.</summary>
    public Task<IBrowserContext> PhoneAsync() => PhoneAsync(Browser);

    /// <summary>A new phone-sized, Chinese-locale context of <paramref name="browser"/>, with these permissions granted.</summary>
    public static async Task<IBrowserContext> PhoneAsync(IBrowser browser, params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            Permissions = permissions,
        });

        // The suite runs test projects in parallel on two cores: give pages time under load.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>A new laptop-sized, Chinese-locale browser context (staff pages).</summary>
    public async Task<IBrowserContext> LaptopAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>Saves a full-page screenshot named <paramref name="name"/>.png.</summary>
    public Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
