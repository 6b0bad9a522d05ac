using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>Names the stored section of a per-school settings class, e.g. <c>[TenantSettingsSection("sms")]</c>.</summary>
/// <param name="name">Section name: lower case, unique.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TenantSettingsSectionAttribute(string name) : Attribute
{
    /// <summary>Section name.</summary>
    public string Name { get; } = name;
}

/// <summary>Marks a string property of a settings class as a secret: encrypted at rest, never shown back in full.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SecretAttribute : Attribute;

/// <summary>Raw storage of settings sections; implemented over the database by the web app.</summary>
public interface ITenantSettingsStore
{
    /// <summary>The stored JSON of a section, or null when never saved.</summary>
    Task<string?> LoadAsync(Guid tenantId, string section, CancellationToken cancellationToken);

    /// <summary>Stores the JSON of a section (insert or replace).</summary>
    Task SaveAsync(Guid tenantId, string section, string json, CancellationToken cancellationToken);
}

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

/// <summary>
/// <see cref="ITenantSettings"/> over <see cref="ITenantSettingsStore"/>. Secrets are protected with a purpose that
/// includes the school and section, so a secret copied into another school's row does not decrypt there.
/// </summary>
public sealed class TenantSettings(TenantContext tenant, ITenantSettingsStore store, IDataProtectionProvider protection)
    : ITenantSettings
{
    private const string SecretPrefix = "dp:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, (string Section, PropertyInfo[] Secrets)> Shapes = new();

    /// <inheritdoc />
    public async Task<T> GetAsync<T>(CancellationToken cancellationToken = default) where T : class, new()
    {
        var school = tenant.RequiredSchool;
        var (section, secrets) = ShapeOf(typeof(T));
        var json = await store.LoadAsync(school.Id, section, cancellationToken);
        if (json is null)
        {
            return new T();
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? [];
        var protector = Protector(school.Id, section);
        foreach (var secret in secrets)
        {
            var name = Json.PropertyNamingPolicy!.ConvertName(secret.Name);
            if (node[name]?.GetValue<string>() is { } stored && stored.StartsWith(SecretPrefix, StringComparison.Ordinal))
            {
                node[name] = protector.Unprotect(stored[SecretPrefix.Length..]);
            }
        }

        return node.Deserialize<T>(Json) ?? new T();
    }

    /// <inheritdoc />
    public async Task SaveAsync<T>(T value, CancellationToken cancellationToken = default) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(value);
        var school = tenant.RequiredSchool;
        var (section, secrets) = ShapeOf(typeof(T));
        var node = JsonSerializer.SerializeToNode(value, Json)!.AsObject();
        var protector = Protector(school.Id, section);
        foreach (var secret in secrets)
        {
            var name = Json.PropertyNamingPolicy!.ConvertName(secret.Name);
            if (secret.GetValue(value) is string { Length: > 0 } plain)
            {
                node[name] = SecretPrefix + protector.Protect(plain);
            }
        }

        await store.SaveAsync(school.Id, section, node.ToJsonString(), cancellationToken);
    }

    private IDataProtector Protector(Guid tenantId, string section) =>
        protection.CreateProtector("Photocollect.TenantSettings", tenantId.ToString("N"), section);

    private static (string Section, PropertyInfo[] Secrets) ShapeOf(Type type) => Shapes.GetOrAdd(type, t =>
    {
        var section = t.GetCustomAttribute<TenantSettingsSectionAttribute>()?.Name
            ?? throw new InvalidOperationException($"{t.Name} has no [TenantSettingsSection].");
        var secrets = t.GetProperties()
            .Where(p => p.GetCustomAttribute<SecretAttribute>() is not null)
            .ToArray();
        if (secrets.FirstOrDefault(p => p.PropertyType != typeof(string)) is { } wrong)
        {
            throw new InvalidOperationException($"{t.Name}.{wrong.Name}: only string properties can be [Secret].");
        }

        return (section, secrets);
    });
}

/// <summary>How a secret is shown back: never in full.</summary>
public static class SecretMask
{
    /// <summary>"未设置" style empty for null; otherwise dots and at most the last four characters.</summary>
    public static string Mask(string? secret) => secret switch
    {
        null or "" => string.Empty,
        { Length: <= 8 } => "••••",
        _ => "••••" + secret[^4..],
    };
}
