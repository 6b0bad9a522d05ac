using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Photocollect.Delivery;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Web.Api;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Platform;
using Photocollect.Data.Migrations;
using Photocollect.Web.Silo;
using Photocollect.Payments;
using Photocollect.Web.Seeding;
using Photocollect.Sms;
using Orleans.Dashboard;

namespace Photocollect.Web;

/// <summary>The composition root: every service the web app uses and its request pipeline.</summary>
public static class PhotocollectWebExtensions
{
    /// <summary>Supported UI cultures; the first is the default.</summary>
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <summary>The health endpoint; the Helm chart's probes name it (tests/Deployment.Tests checks they agree).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Where the Orleans dashboard is served, under the operator's console.</summary>
    public const string OrleansDashboardPath = "/staff/platform/orleans";

    /// <summary>Registers everything.</summary>
    public static WebApplicationBuilder AddPhotocollect(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Default is not set. Start the app with ./photocollect run, which provisions PostgreSQL and sets it.");

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });

        // Chinese pages stay readable and small: no &#x...; entities for CJK.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();

        // Layers from the bottom up. Hosted services start in registration order: migrations, demo seed, silo, jobs.
        services.AddTenancy(configuration.GetSection("Tenancy"));
        services.AddData(connectionString);
        // After AddData: Data Protection's own hosted service reads the key ring from the database at start-up, so
        // the migrations must have run first.
        services.AddDataProtection().SetApplicationName("Photocollect");
        // What it unprotects of the sign-in and anti-forgery cookies and the API's tokens kept for a minute: decision 019.
        var protection = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider) && !d.IsKeyedService);
        services.Remove(protection);
        services.AddSingleton<IDataProtectionProvider>(sp => CachingDataProtector.Wrap(
            protection.ImplementationInstance as IDataProtectionProvider
                ?? protection.ImplementationFactory?.Invoke(sp) as IDataProtectionProvider
                ?? throw new InvalidOperationException("Data Protection's provider is registered in a way this wrapper does not know."),
            sp.GetRequiredService<TimeProvider>(),
            CachingDataProtector.SignInPurposes));
        services.Configure<DemoSeedOptions>(configuration.GetSection("Photocollect:Demo"));
        services.AddScoped<DemoSeeder>();
        services.AddHostedService<DemoSeedStartup>();
        services.AddSms();
        services.AddAccounts(configuration);
        services.AddCollection(configuration);
        services.AddPayments(configuration);
        // The student hears of each refund by SMS, worded by the collection's order notices.
        services.AddScoped<IRefundObserver, Notices.RefundSms>();
        services.AddDelivery();
        services.Replace(ServiceDescriptor.Singleton<Data.IAuditActor, HttpAuditActor>());
        builder.AddSilo(connectionString);
        services.AddPaymentsJob(configuration);
        services.AddRetentionJob(configuration);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthRedirects.SignInCookie;
            // One cookie for the whole site, not per /s/{slug} PathBase: a session reaches every school's pages and is
            // refused there by the school claim check, so isolation never depends on what the browser chooses to send.
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = AuthRedirects.ToLogin;
            o.Events.OnRedirectToAccessDenied = AuthRedirects.Forbidden;
            // Sign-out ends the session on the server too, not only in this browser (SessionStamps).
            o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionStamps>().ValidateAsync(context);
        });
        // The JSON API's tokens (Identity's bearer tokens, protected by the shared Data Protection key ring).
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(7));
        services.AddStudentApi();
        services.Configure<DevToolsOptions>(configuration.GetSection("Photocollect:DevTools"));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Student", Policies.Student);
                o.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
                o.Conventions.AllowAnonymousToPage("/Staff/Login");
                o.Conventions.AllowAnonymousToPage("/Staff/TwoFactor");
                o.Conventions.AllowAnonymousToPage("/Staff/Invite");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        // The product's texts for services below the pages that word a message (the SMS login code).
        services.AddScoped<IStringLocalizer>(sp => sp.GetRequiredService<IStringLocalizer<SharedResource>>());
        services.AddSingleton<SchoolUrls>();
        services.AddScoped<Platform.SchoolOnboarding>();
        services.AddScoped<Platform.InviteLinks>();
        services.AddSingleton<QueueWatch>();
        services.AddSingleton<Pages.Student.Collect.FrameThrottle>();
        services.AddScoped<PlatformFigures>();
        services.AddScoped<SupportDesk>();
        services.Configure<ForwardedHeadersOptions>(o => TrustedProxies.Configure(o, configuration));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Builds the request pipeline.</summary>
    public static WebApplication UsePhotocollect(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AbortGrace>();
        if (TrustedProxies.AnyConfigured(app.Configuration))
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestBodyLimits>();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // The JSON API answers errors as problem+json, the pages with the error page.
        app.UseWhen(ApiProblems.IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteServerErrorAsync });
            api.UseStatusCodePages(ApiProblems.WriteStatusAsync);
            api.UseMiddleware<ExceptionStatus>();
        });
        app.UseWhen(context => !ApiProblems.IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error/500");
            }

            pages.UseStatusCodePagesWithReExecute("/error/{0}");
            pages.UseMiddleware<ExceptionStatus>();
        });
        // Static assets are the platform's, served before tenant resolution and linked without the school prefix (the icon
        // too: /favicon.ico is the same for every host), cached by StaticAssets' rules.
        app.UseStaticFiles(StaticAssets.Options());
        app.UseTenantResolution();
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Chinese unless the person chose otherwise: no Accept-Language provider.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        app.UseRouting();
        app.Use(RequestBodyLimits.RefuseDeclaredTooLargeAsync);
        app.UseMiddleware<TenantAreaMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks(HealthPath, new() { ResponseWriter = DatabaseHealthCheck.WriteAsync });
        app.MapRazorPages();
        app.MapStudentApi();
        app.MapSchoolApi();
        app.MapOfflineEndpoints();
        app.MapSchoolLogo();
        app.MapOpenApi("/openapi/{documentName}.json");
        // The Orleans dashboard (the silo's grains, calls, reminders), for the platform operator only; its own endpoints
        // are no part of the school API the OpenAPI document describes.
        app.MapOrleansDashboard(OrleansDashboardPath).RequireAuthorization(Policies.PlatformOperator).ExcludeFromDescription();
        return app;
    }

    /// <summary>The CREATE script of the current EF model.</summary>
    public static string SchemaScript(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript();
    }
}
