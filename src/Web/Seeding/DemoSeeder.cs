using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Web.Accounts;
using Photocollect.Web.Data;
using Photocollect.Web.Schools;

namespace Photocollect.Web.Seeding;

/// <summary>Demo data switch and password. Bound from <c>Photocollect:Demo</c>.</summary>
public sealed class DemoSeedOptions
{
    /// <summary>Seed the demo schools and accounts at start-up (idempotent).</summary>
    public bool Seed { get; set; }

    /// <summary>Password of every demo staff account.</summary>
    public string Password { get; set; } = "Demo-2025-pass";
}

/// <summary>
/// Two demo schools with different branding and settings (one online-only, one online+offline), a platform operator
/// and, per school, a school admin, a reviewer and a photographer. Creates only what is missing.
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db,
    TenantContext tenant,
    UserManager<AppUser> users,
    ITenantSettings settings,
    IOptions<DemoSeedOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    /// <summary>The demo schools: slug, name, short name, code, colour, capture mode, support phone.</summary>
    public static IReadOnlyList<(string Slug, string Name, string ShortName, string Code, string Color, CaptureMode Mode, string Phone)> Schools { get; } =
    [
        ("beifang", "北方示范大学", "北方示范", "100001", "#1d4ed8", CaptureMode.Online, "010-58691620"),
        ("nanhu", "南湖师范学院", "南湖师院", "100002", "#047857", CaptureMode.Both, "027-87654321"),
    ];

    /// <summary>The platform operator's sign-in.</summary>
    public const string OperatorEmail = "operator@photocollect.local";

    /// <summary>Staff e-mail of a role at a demo school, e.g. admin@beifang.demo.</summary>
    public static string StaffEmail(string slug, string role) => $"{role.ToLowerInvariant()}@{slug}.demo";

    /// <summary>Seeds what is missing.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var password = options.Value.Password;
        using (tenant.EnterPlatform())
        {
            await EnsureUserAsync(OperatorEmail, "平台运营", Roles.PlatformOperator, null, password);
        }

        foreach (var demo in Schools)
        {
            var school = await db.Schools.FirstOrDefaultAsync(s => s.Slug == demo.Slug, cancellationToken);
            if (school is null)
            {
                school = new School
                {
                    Id = Guid.CreateVersion7(),
                    Slug = demo.Slug,
                    DisplayName = demo.Name,
                    SchoolCode = demo.Code,
                    Branding = new SchoolBranding { ShortName = demo.ShortName, PrimaryColor = demo.Color },
                    HostNames = [$"photos.{demo.Slug}.edu.localhost"],
                    CreatedAt = clock.GetUtcNow(),
                };
                db.Schools.Add(school);
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Seeded demo school {Slug}", demo.Slug);
            }

            using (tenant.EnterTenant(school))
            {
                var profile = await settings.GetAsync<SchoolProfileSettings>(cancellationToken);
                if (profile.SupportPhone is null)
                {
                    profile.CaptureMode = demo.Mode;
                    profile.SupportPhone = demo.Phone;
                    profile.SupportHours = "工作日 9:00–17:00";
                    await settings.SaveAsync(profile, cancellationToken);
                }

                await EnsureUserAsync(StaffEmail(demo.Slug, "admin"), "学校管理员", Roles.SchoolAdmin, school.Id, password);
                await EnsureUserAsync(StaffEmail(demo.Slug, "reviewer"), "审核员", Roles.Reviewer, school.Id, password);
                await EnsureUserAsync(StaffEmail(demo.Slug, "photographer"), "摄影师", Roles.Photographer, school.Id, password);
            }
        }
    }

    private async Task EnsureUserAsync(string email, string displayName, string role, Guid? tenantId, string password)
    {
        if (await users.FindByNameAsync(email) is not null)
        {
            return;
        }

        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
    }
}
