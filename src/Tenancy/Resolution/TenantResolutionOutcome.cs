using Microsoft.AspNetCore.Http;

namespace Photocollect.Tenancy.Resolution;

/// <summary>How a request's school was (not) found.</summary>
public enum TenantResolutionOutcome
{
    /// <summary>The request names no school: a platform request.</summary>
    NoTenant = 0,

    /// <summary>The request names a school that exists.</summary>
    Resolved = 1,

    /// <summary>The request names a school that does not exist (or a malformed slug).</summary>
    Unknown = 2,
}
