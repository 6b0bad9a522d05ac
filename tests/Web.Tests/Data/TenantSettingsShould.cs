using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;
using Photocollect.Sms;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Data;

public sealed class TenantSettingsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Secret = "tc-secret-0123456789abcdef";

    [Fact]
    public async Task ReadBackWhatWasSavedWithTheSecretEncryptedAtRest()
    {
        await SaveSmsAsync(AppFactory.A, Secret);

        var read = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<SmsSettings>());
        var raw = await RawJsonAsync(AppFactory.A);

        Assert.Equal(SmsProvider.TencentCloud, read.Provider);
        Assert.Equal(Secret, read.AccessKeySecret);
        Assert.Equal("AKIDtest", read.AccessKeyId);
        Assert.DoesNotContain(Secret, raw, StringComparison.Ordinal);
        Assert.Contains("\"accessKeySecret\": \"dp:", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotDecryptASecretCopiedIntoAnotherSchool()
    {
        await SaveSmsAsync(AppFactory.A, Secret);
        var raw = await RawJsonAsync(AppFactory.A);
        var b = await app.SchoolAsync(AppFactory.B);
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettingsStore>().SaveAsync(b.Id, "sms", raw, default));

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() =>
            app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<SmsSettings>()));
    }

    [Fact]
    public async Task ReadDefaultsForASectionNeverSaved()
    {
        var read = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<UnsavedSettings>());

        Assert.Equal(42, read.Answer);
    }

    [Fact]
    public async Task RefuseToReadOutsideASchool()
    {
        await using var scope = app.Services.CreateAsyncScope();

        await Assert.ThrowsAsync<Photocollect.Tenancy.TenantScopeException>(() =>
            scope.ServiceProvider.GetRequiredService<ITenantSettings>().GetAsync<SmsSettings>());
    }

    private Task SaveSmsAsync(string slug, string secret) => app.InSchoolAsync(slug, sp =>
        sp.GetRequiredService<ITenantSettings>().SaveAsync(new SmsSettings
        {
            Provider = SmsProvider.TencentCloud,
            AccessKeyId = "AKIDtest",
            AccessKeySecret = secret,
        }));

    private Task<string> RawJsonAsync(string slug) => app.InSchoolAsync(slug, sp =>
        sp.GetRequiredService<AppDbContext>().TenantSettings.Where(r => r.Section == "sms").Select(r => r.Json).SingleAsync());

    [TenantSettingsSection("test-unsaved")]
    public sealed class UnsavedSettings
    {
        public int Answer { get; set; } = 42;
    }
}
