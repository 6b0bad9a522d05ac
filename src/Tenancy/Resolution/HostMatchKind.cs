
namespace Photocollect.Tenancy.Resolution;

/// <summary>What a Host header says about the school.</summary>
public enum HostMatchKind
{
    /// <summary>The host names no school (an IP address, a base domain itself, a reserved label).</summary>
    None = 0,

    /// <summary><c>{slug}.{base domain}</c>: the value is the slug.</summary>
    Subdomain = 1,

    /// <summary>Any other name: the value is the normalised host, to look up among schools' custom hosts.</summary>
    CustomHost = 2,
}
