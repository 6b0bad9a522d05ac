using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

public sealed class TenantIsolationShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task HideRowsOfOtherSchools()
    {
        var phone = AppFactory.NewPhone();
        await app.InSchoolAsync(AppFactory.A, sp => AddOutboxAsync(sp, phone, "for A"));
        await app.InSchoolAsync(AppFactory.B, sp => AddOutboxAsync(sp, phone, "for B"));

        var seenByA = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().SmsOutbox.Where(m => m.Phone == phone).Select(m => m.Text).ToListAsync());
        var seenOutside = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            using var _ = sp.GetRequiredService<TenantContext>().EnterPlatform();
            return await sp.GetRequiredService<AppDbContext>().SmsOutbox.CountAsync(m => m.Phone == phone);
        });
        var seenUnfiltered = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().SmsOutbox.IgnoreQueryFilters([TenantModelBuilderExtensions.FilterName]).CountAsync(m => m.Phone == phone));

        Assert.Equal(["for A"], seenByA);
        Assert.Equal(0, seenOutside);
        Assert.Equal(2, seenUnfiltered);
    }

    [Fact]
    public async Task StampNewRowsWithTheCurrentSchool()
    {
        var school = await app.SchoolAsync(AppFactory.A);
        var phone = AppFactory.NewPhone();
        await app.InSchoolAsync(AppFactory.A, sp => AddOutboxAsync(sp, phone, "stamped"));

        var tenantId = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().SmsOutbox.Where(m => m.Phone == phone).Select(m => m.TenantId).SingleAsync());
        Assert.Equal(school.Id, tenantId);
    }

    [Fact]
    public async Task RefuseToSaveARowOfAnotherSchool()
    {
        var other = await app.SchoolAsync(AppFactory.B);

        var error = await Assert.ThrowsAsync<TenantScopeException>(() => app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.SmsOutbox.Add(new SmsOutboxMessage { Id = Guid.NewGuid(), TenantId = other.Id, Phone = AppFactory.NewPhone(), Text = "x" });
            await db.SaveChangesAsync();
        }));
        Assert.Contains("another school", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseToMoveARowToAnotherSchool()
    {
        var other = await app.SchoolAsync(AppFactory.B);
        var phone = AppFactory.NewPhone();
        await app.InSchoolAsync(AppFactory.A, sp => AddOutboxAsync(sp, phone, "mine"));

        await Assert.ThrowsAsync<TenantScopeException>(() => app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var row = await db.SmsOutbox.SingleAsync(m => m.Phone == phone);
            row.TenantId = other.Id;
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task RefuseToSaveATenantRowOutsideAnySchool()
    {
        var school = await app.SchoolAsync(AppFactory.A);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.SmsOutbox.Add(new SmsOutboxMessage { Id = Guid.NewGuid(), TenantId = school.Id, Phone = AppFactory.NewPhone(), Text = "x" });

        var error = await Assert.ThrowsAsync<TenantScopeException>(() => db.SaveChangesAsync());
        Assert.Contains("no school is entered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadNoTenantRowsOutsideAnyScope()
    {
        await app.InSchoolAsync(AppFactory.A, sp => AddOutboxAsync(sp, AppFactory.NewPhone(), "x"));
        await using var scope = app.Services.CreateAsyncScope();

        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().SmsOutbox.CountAsync());
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.CountAsync());
    }

    [Fact]
    public async Task KeepTheSamePhoneAsSeparateAccountsAtTwoSchools()
    {
        var phone = AppFactory.NewPhone();
        var a = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default));
        var b = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default));
        var again = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default));

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.Id, again.Id);
        Assert.NotEqual(a.TenantId, b.TenantId);
    }

    [Fact]
    public async Task EnforceUniqueUserNamesPerSchoolInTheDatabase()
    {
        var phone = AppFactory.NewPhone();
        var school = await app.SchoolAsync(AppFactory.A);
        await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default));

        // Bypass Identity's own duplicate check: the unique (TenantId, NormalizedUserName) index must refuse it.
        await Assert.ThrowsAsync<DbUpdateException>(() => app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Users.Add(new AppUser { Id = Guid.NewGuid(), TenantId = school.Id, UserName = phone, NormalizedUserName = phone, SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task RefuseAPlatformAccountCreatedInsideASchool()
    {
        await Assert.ThrowsAsync<TenantScopeException>(() => app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Users.Add(new AppUser { Id = Guid.NewGuid(), TenantId = null, UserName = "x@example.com", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task FindStaffOnlyInTheirOwnSchool()
    {
        var email = Seeding.DemoSeeder.StaffEmail(AppFactory.A, "admin");

        var inOwn = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email));
        var inOther = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(email));

        Assert.NotNull(inOwn);
        Assert.Null(inOther);
    }

    private static async Task AddOutboxAsync(IServiceProvider sp, string phone, string text)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.SmsOutbox.Add(new SmsOutboxMessage { Id = Guid.NewGuid(), Phone = phone, Text = text, CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
