using Microsoft.AspNetCore.Http;

namespace Photocollect.Tenancy.Resolution;

/// <summary>Reads the school from a <c>/s/{slug}/...</c> path prefix.</summary>
public static class PathPrefixStrategy
{
    /// <summary>The first path segment that introduces a school.</summary>
    public const string Segment = "s";

    /// <summary>The <c>/s/{slug}</c> prefix and the rest, or null when the path has no such prefix.</summary>
    public static PathMatch? Match(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || !value.StartsWith("/" + Segment + "/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var start = Segment.Length + 2;
        var end = value.IndexOf('/', start);
        var slug = end < 0 ? value[start..] : value[start..end];
        if (slug.Length == 0)
        {
            return null;
        }

        var prefix = end < 0 ? value : value[..end];
        var remainder = end < 0 ? "/" : value[end..];
        return new PathMatch(slug.ToLowerInvariant(), new PathString(prefix), new PathString(remainder));
    }
}
