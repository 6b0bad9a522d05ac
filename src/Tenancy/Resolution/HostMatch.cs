
namespace Photocollect.Tenancy.Resolution;

/// <summary>Result of <see cref="HostStrategy.Match"/>.</summary>
/// <param name="Kind">What kind of match.</param>
/// <param name="Value">The slug or normalised host; empty for <see cref="HostMatchKind.None"/>.</param>
public readonly record struct HostMatch(HostMatchKind Kind, string Value)
{
    /// <summary>No match.</summary>
    public static HostMatch None { get; } = new(HostMatchKind.None, string.Empty);
}
