using Microsoft.AspNetCore.Http;

namespace Photocollect.Tenancy.Resolution;

/// <summary>Result of <see cref="PathPrefixStrategy.Match"/>.</summary>
/// <param name="Slug">The slug as written in the path, lower-cased.</param>
/// <param name="Prefix">The prefix to move into PathBase, e.g. <c>/s/demo</c> (as written).</param>
/// <param name="Remainder">The rest of the path, <c>/</c> at least.</param>
public readonly record struct PathMatch(string Slug, PathString Prefix, PathString Remainder);
