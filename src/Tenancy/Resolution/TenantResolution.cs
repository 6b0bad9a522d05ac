using Microsoft.AspNetCore.Http;

namespace Photocollect.Tenancy.Resolution;

/// <summary>Result of <see cref="TenantResolver.ResolveAsync"/>.</summary>
/// <param name="Outcome">Found, unknown, or no school named.</param>
/// <param name="School">The school when resolved.</param>
/// <param name="Strategy">Which strategy decided: <c>host</c>, <c>path</c> or <c>none</c>.</param>
/// <param name="PathMatch">For the path strategy, the prefix to move into PathBase.</param>
/// <param name="Requested">The slug or host that was asked for (for the "unknown school" page).</param>
public sealed record TenantResolution(
    TenantResolutionOutcome Outcome,
    School? School,
    string Strategy,
    PathMatch? PathMatch,
    string? Requested);
