using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

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
