using System.Reflection;
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
