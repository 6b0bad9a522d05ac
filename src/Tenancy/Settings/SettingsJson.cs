using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>
/// A settings class as stored JSON: its section name, and its <see cref="SecretAttribute"/> properties encrypted with a
/// protector the caller binds to the owner and section. Shared by a school's and the platform's settings.
/// </summary>
public static class SettingsJson
{
    private const string SecretPrefix = "dp:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, (string Section, PropertyInfo[] Secrets)> Shapes = new();

    /// <summary>The section a settings class is stored under.</summary>
    public static string SectionOf<T>() => ShapeOf(typeof(T)).Section;

    /// <summary>The settings from stored JSON (a new instance for none), secrets decrypted.</summary>
    public static T Read<T>(string? json, IDataProtector protector) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (json is null)
        {
            return new T();
        }

        var node = JsonNode.Parse(json)?.AsObject() ?? [];
        foreach (var secret in ShapeOf(typeof(T)).Secrets)
        {
            var name = Json.PropertyNamingPolicy!.ConvertName(secret.Name);
            if (node[name]?.GetValue<string>() is { } stored && stored.StartsWith(SecretPrefix, StringComparison.Ordinal))
            {
                node[name] = protector.Unprotect(stored[SecretPrefix.Length..]);
            }
        }

        return node.Deserialize<T>(Json) ?? new T();
    }

    /// <summary>The JSON to store, secrets encrypted.</summary>
    public static string Write<T>(T value, IDataProtector protector) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(protector);
        var node = JsonSerializer.SerializeToNode(value, Json)!.AsObject();
        foreach (var secret in ShapeOf(typeof(T)).Secrets)
        {
            var name = Json.PropertyNamingPolicy!.ConvertName(secret.Name);
            if (secret.GetValue(value) is string { Length: > 0 } plain)
            {
                node[name] = SecretPrefix + protector.Protect(plain);
            }
        }

        return node.ToJsonString();
    }

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
