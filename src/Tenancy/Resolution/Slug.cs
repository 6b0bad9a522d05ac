using System.Text.RegularExpressions;

namespace Photocollect.Tenancy.Resolution;

/// <summary>Rules for school slugs: 2–40 lower-case letters, digits and inner hyphens.</summary>
public static partial class Slug
{
    /// <summary>Longest slug accepted.</summary>
    public const int MaxLength = 40;

    /// <summary>Whether <paramref name="value"/> is a well-formed slug (already lower case).</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
