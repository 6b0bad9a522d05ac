using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Accounts;
using Photocollect.Data;

namespace Photocollect.Web.Seeding;

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
                    profile.SupportHoursEnglish = "Weekdays 9:00–17:00";
                    await settings.SaveAsync(profile, cancellationToken);
                }

                await EnsureCollectionAsync(school, demo, cancellationToken);
                await EnsureUserAsync(StaffEmail(demo.Slug, "admin"), "学校管理员", Roles.SchoolAdmin, school.Id, password);
                await EnsureUserAsync(StaffEmail(demo.Slug, "reviewer"), "审核员", Roles.Reviewer, school.Id, password);
                await EnsureUserAsync(StaffEmail(demo.Slug, "photographer"), "摄影师", Roles.Photographer, school.Id, password);
            }
        }
    }

    /// <summary>The demo roster of a school: student numbers 2023000001… with these names, levels and majors.</summary>
    public static IReadOnlyList<(string Name, string Level, string College, string Major)> DemoStudents { get; } =
    [
        ("张伟", "本科", "计算机学院", "计算机科学与技术"),
        ("王芳", "本科", "外国语学院", "英语"),
        ("李娜", "本科", "经济管理学院", "会计学"),
        ("刘洋", "硕士研究生", "计算机学院", "软件工程"),
        ("陈静", "本科", "文学院", "汉语言文学"),
        ("杨磊", "本科", "物理学院", "物理学"),
        ("赵敏", "硕士研究生", "经济管理学院", "工商管理"),
        ("黄强", "本科", "机械工程学院", "机械设计制造及其自动化"),
        ("周婷", "本科", "艺术学院", "视觉传达设计"),
        ("吴杰", "博士研究生", "化学学院", "有机化学"),
    ];

    /// <summary>Student number of the i-th demo student.</summary>
    public static string DemoStudentNumber(int i) => $"2023{i + 1:000000}";

    /// <summary>The ID-number last four of a demo student number (as the registry simulator derives it).</summary>
    public static string DemoIdLastFour(string schoolCode, string studentNumber) => Photocollect.Collection.Registry.SimulatedIdentity.For(schoolCode, studentNumber).IdNumber[^4..];

    /// <summary>The feature code of a demo school's graduation campaign.</summary>
    public static string FeatureCode(string slug) => slug == "beifang" ? "sv8s65" : "nh27a9";

    /// <summary>The demo freshmen of 北方示范大学 (新生照片上传): student numbers 2026000001… on the same roster.</summary>
    public static IReadOnlyList<(string Name, string Level, string College, string Major)> DemoFreshmen { get; } =
    [
        ("孙悦", "本科", "计算机学院", "计算机科学与技术"),
        ("马超", "本科", "外国语学院", "日语"),
        ("朱琳", "专科", "艺术学院", "环境艺术设计"),
    ];

    /// <summary>Student number of the i-th demo freshman.</summary>
    public static string DemoFreshmanNumber(int i) => $"2026{i + 1:000000}";

    // An open graduation campaign (the window runs from a week before seeding for two months), at 北方示范 also an open
    // freshman upload checked by name, student number and ID last four; the demo roster and the default rejection
    // reasons. Each piece is added when missing, so older demo databases gain new pieces.
    private async Task EnsureCollectionAsync(School school, (string Slug, string Name, string ShortName, string Code, string Color, CaptureMode Mode, string Phone) demo, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Campaign Open(string name, CampaignKind kind, long priceFen, VerificationMode verification) => new()
        {
            Id = Guid.CreateVersion7(),
            TenantId = school.Id,
            Name = name,
            Kind = kind,
            FeatureCode = FeatureCode(demo.Slug),
            StartsAt = now.AddDays(-7),
            EndsAt = now.AddDays(60),
            PriceFen = priceFen,
            ReprintPriceFen = kind == CampaignKind.Graduation ? 1000 : 0,
            Levels = ["专科", "本科", "硕士研究生", "博士研究生"],
            CaptureMode = demo.Mode,
            Verification = verification,
            SupportPhone = demo.Phone,
            SupportHours = "工作日 9:00–17:00",
            AgreementText = "本人同意学校委托的采集服务商采集、处理本人的图像信息，仅用于学历证书电子注册。",
            CreatedAt = now,
        };
        if (!await db.Campaigns.AnyAsync(c => c.Kind == CampaignKind.Graduation, cancellationToken))
        {
            db.Campaigns.Add(Open("2027届毕业生图像采集", CampaignKind.Graduation, demo.Slug == "beifang" ? 3000 : 2500, VerificationMode.FeatureCode));
        }

        if (demo.Slug == "beifang" && !await db.Campaigns.AnyAsync(c => c.Kind == CampaignKind.Freshman, cancellationToken))
        {
            db.Campaigns.Add(Open("2026级新生照片采集", CampaignKind.Freshman, 1500, VerificationMode.IdLastFour));
        }

        var onRoster = await db.Roster.Select(r => r.StudentNumber).ToListAsync(cancellationToken);
        var students = DemoStudents.Select((s, i) => (s, Number: DemoStudentNumber(i)))
            .Concat(demo.Slug == "beifang" ? DemoFreshmen.Select((s, i) => (s, Number: DemoFreshmanNumber(i))) : []);
        db.Roster.AddRange(students.Where(x => !onRoster.Contains(x.Number)).Select(x => new RosterEntry
        {
            Id = Guid.CreateVersion7(),
            TenantId = school.Id,
            StudentNumber = x.Number,
            Name = x.s.Name,
            IdLastFour = DemoIdLastFour(demo.Code, x.Number),
            Level = x.s.Level,
            College = x.s.College,
            Major = x.s.Major,
            ImportedAt = now,
        }));

        if (!await db.RejectReasons.AnyAsync(cancellationToken))
        {
            db.RejectReasons.AddRange(Collection.DefaultRejectReasons.For(school.Id));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (demo.Mode != CaptureMode.Online)
        {
            await EnsureSessionsAsync(school, cancellationToken);
        }
    }

    // On-site sessions today and tomorrow (China time) at the library, two-hour slots from 8:00 to 22:00, so a newcomer
    // can book, scan and be called whatever the hour they try it.
    private async Task EnsureSessionsAsync(School school, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Kind == CampaignKind.Graduation).OrderBy(c => c.StartsAt).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = Collection.Offline.OnSiteFlow.ChinaDay(now);
        foreach (var day in new[] { today, today.AddDays(1) })
        {
            if (await db.CollectionSessions.AnyAsync(s => s.CampaignId == campaign.Id && s.Day == day, cancellationToken))
            {
                continue;
            }

            var session = new CollectionSession { Id = Guid.CreateVersion7(), TenantId = school.Id, CampaignId = campaign.Id, Place = "图书馆一楼大厅", Day = day, CreatedAt = now };
            db.CollectionSessions.Add(session);
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            for (var hour = 8; hour < 22; hour += 2)
            {
                db.SessionSlots.Add(new SessionSlot
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = school.Id,
                    SessionId = session.Id,
                    StartsAt = (midnight + TimeSpan.FromHours(hour)).ToUniversalTime(),
                    EndsAt = (midnight + TimeSpan.FromHours(hour + 2)).ToUniversalTime(),
                    Capacity = 30,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
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
