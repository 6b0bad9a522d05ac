using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy;
using Photocollect.Data;
using Photocollect.Web.Seeding;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The real app on its own new PostgreSQL database (migrated and seeded with the demo schools at start-up), with dev
/// tools on, the scheduled jobs off and a clock tests can move. One per test class (IClassFixture); tests create
/// their own phones and rows.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>On a new database of the suite's PostgreSQL.</summary>
    public AppFactory()
        : this(TestDatabase.NewConnectionString())
    {
    }

    /// <summary>On the database of <paramref name="connectionString"/> (created and migrated at start-up).</summary>
    protected AppFactory(string connectionString) => ConnectionString = connectionString;

    /// <summary>The database this app uses.</summary>
    public string ConnectionString { get; }

    /// <summary>The directory the app keeps uploads in (<see cref="TestUploads"/>), or null to keep them in the database's rows.</summary>
    public virtual string? UploadsPath => TestUploads.PathFor(ConnectionString);

    /// <summary>The app's clock.</summary>
    public ShiftingClock Clock { get; } = new();

    /// <summary>The SQL the app sends, while a test records it.</summary>
    public SqlLog Sql { get; } = new();

    /// <summary>The demo password.</summary>
    public const string Password = "Demo-2025-pass";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Photocollect:Demo:Seed", "true");
        builder.UseSetting("Photocollect:Demo:Password", Password);
        builder.UseSetting("Photocollect:DevTools:Enabled", "true");
        builder.UseSetting("Photocollect:Jobs:Enabled", "false");  // tests run the jobs' steps themselves, at the clock they set
        builder.UseSetting("Photocollect:Uploads:Path", UploadsPath ?? "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Each app's silo clusters through its own database, on a port of its own; no gateway (no outside clients).
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", "0");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // The moved clock is the product's; Orleans' own timers (membership, messaging) keep real time.
            services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(Sql));
        });
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TestUploads.Remove(UploadsPath);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests assert them).</summary>
    public virtual HttpClient Browser()
    {
        StartServer();  // on Kestrel the address is known once it runs
        return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
    }

    /// <summary>Runs <paramref name="work"/> in a new DI scope inside the school with <paramref name="slug"/>.</summary>
    public async Task<T> InSchoolAsync<T>(string slug, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var school = await db.Schools.AsNoTracking().SingleAsync(s => s.Slug == slug);
        using var _ = scope.ServiceProvider.GetRequiredService<TenantContext>().EnterTenant(school);
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> in a new DI scope inside the school with <paramref name="slug"/>.</summary>
    public Task InSchoolAsync(string slug, Func<IServiceProvider, Task> work) =>
        InSchoolAsync<bool>(slug, async sp => { await work(sp); return true; });

    /// <summary>The demo school with this slug.</summary>
    public async Task<School> SchoolAsync(string slug)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Schools.AsNoTracking().SingleAsync(s => s.Slug == slug);
    }

    /// <summary>First demo school (online only).</summary>
    public static string A => DemoSeeder.Schools[0].Slug;

    /// <summary>Second demo school (online + offline).</summary>
    public static string B => DemoSeeder.Schools[1].Slug;

    /// <summary>A random valid mainland mobile number, so tests never share limits.</summary>
    public static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
