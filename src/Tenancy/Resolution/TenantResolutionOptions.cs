namespace Photocollect.Tenancy.Resolution;

/// <summary>How requests are mapped to schools. Bound from the <c>Tenancy</c> configuration section.</summary>
public sealed class TenantResolutionOptions
{
    /// <summary>
    /// Domains under which <c>{slug}.{domain}</c> names a school, e.g. <c>photocollect.cn</c>.
    /// <c>localhost</c> is included by default because browsers send <c>*.localhost</c> to the loopback address.
    /// </summary>
    public IList<string> BaseDomains { get; } = ["localhost"];

    /// <summary>Sub-domain labels that never name a school (the platform's own hosts).</summary>
    public IList<string> ReservedLabels { get; } = ["www", "api", "admin", "static"];
}
