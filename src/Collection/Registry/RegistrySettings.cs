using Photocollect.Tenancy.Settings;

namespace Photocollect.Collection.Registry;

/// <summary>Which registry a school uses (section <c>registry</c>).</summary>
[TenantSettingsSection("registry")]
public sealed class RegistrySettings
{
    /// <summary><c>simulator</c> (demo, tests) or <c>http</c>.</summary>
    public string Provider { get; set; } = "simulator";

    /// <summary>Base address of the HTTP registry.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Its API key.</summary>
    [Secret]
    public string? ApiKey { get; set; }
}
