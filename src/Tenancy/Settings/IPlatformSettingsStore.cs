namespace Photocollect.Tenancy.Settings;

/// <summary>Raw storage of the platform's settings sections; implemented over the database.</summary>
public interface IPlatformSettingsStore
{
    /// <summary>The stored JSON of a section, or null when never saved.</summary>
    Task<string?> LoadAsync(string section, CancellationToken cancellationToken);

    /// <summary>Stores the JSON of a section (insert or replace).</summary>
    Task SaveAsync(string section, string json, CancellationToken cancellationToken);
}
