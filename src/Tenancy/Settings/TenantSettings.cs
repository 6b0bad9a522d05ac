using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>
/// <see cref="ITenantSettings"/> over <see cref="ITenantSettingsStore"/>. Secrets are protected with a purpose that
/// includes the school and section, so a secret copied into another school's row does not decrypt there.
/// </summary>
public sealed class TenantSettings(TenantContext tenant, ITenantSettingsStore store, IDataProtectionProvider protection)
    : ITenantSettings
{
    /// <inheritdoc />
    public async Task<T> GetAsync<T>(CancellationToken cancellationToken = default) where T : class, new()
    {
        var school = tenant.RequiredSchool;
        var section = SettingsJson.SectionOf<T>();
        return SettingsJson.Read<T>(await store.LoadAsync(school.Id, section, cancellationToken), Protector(school.Id, section));
    }

    /// <inheritdoc />
    public async Task SaveAsync<T>(T value, CancellationToken cancellationToken = default) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(value);
        var school = tenant.RequiredSchool;
        var section = SettingsJson.SectionOf<T>();
        await store.SaveAsync(school.Id, section, SettingsJson.Write(value, Protector(school.Id, section)), cancellationToken);
    }

    private IDataProtector Protector(Guid tenantId, string section) =>
        protection.CreateProtector("Photocollect.TenantSettings", tenantId.ToString("N"), section);
}
