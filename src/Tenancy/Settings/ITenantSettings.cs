using System.Reflection;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>
/// The one typed API for a school's settings: campaign rules, adapter choices and their secrets. Reads and writes
/// the current school's section of a settings class; a section never saved reads as a new instance.
/// </summary>
public interface ITenantSettings
{
    /// <summary>The current school's settings of this kind, secrets decrypted.</summary>
    Task<T> GetAsync<T>(CancellationToken cancellationToken = default) where T : class, new();

    /// <summary>Saves the current school's settings of this kind, secrets encrypted.</summary>
    Task SaveAsync<T>(T value, CancellationToken cancellationToken = default) where T : class, new();
}
