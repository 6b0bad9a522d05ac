using System.Reflection;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>Raw storage of settings sections; implemented over the database by the web app.</summary>
public interface ITenantSettingsStore
{
    /// <summary>The stored JSON of a section, or null when never saved.</summary>
    Task<string?> LoadAsync(Guid tenantId, string section, CancellationToken cancellationToken);

    /// <summary>Stores the JSON of a section (insert or replace).</summary>
    Task SaveAsync(Guid tenantId, string section, string json, CancellationToken cancellationToken);
}
