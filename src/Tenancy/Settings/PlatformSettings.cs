using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>
/// <see cref="IPlatformSettings"/> over <see cref="IPlatformSettingsStore"/>. Secrets are protected with a purpose of
/// their own (platform and section), so no school's settings row can be made to decrypt them.
/// </summary>
public sealed class PlatformSettings(IPlatformSettingsStore store, IDataProtectionProvider protection) : IPlatformSettings
{
    /// <inheritdoc />
    public async Task<T> GetAsync<T>(CancellationToken cancellationToken = default) where T : class, new()
    {
        var section = SettingsJson.SectionOf<T>();
        return SettingsJson.Read<T>(await store.LoadAsync(section, cancellationToken), Protector(section));
    }

    /// <inheritdoc />
    public async Task SaveAsync<T>(T value, CancellationToken cancellationToken = default) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(value);
        var section = SettingsJson.SectionOf<T>();
        await store.SaveAsync(section, SettingsJson.Write(value, Protector(section)), cancellationToken);
    }

    private IDataProtector Protector(string section) => protection.CreateProtector("Photocollect.PlatformSettings", section);
}
