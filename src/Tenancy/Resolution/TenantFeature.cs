using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Photocollect.Tenancy.Resolution;

/// <summary>The resolution of the current request, kept on the HttpContext (it survives status-page re-execution).</summary>
/// <param name="Resolution">What the resolver found.</param>
public sealed record TenantFeature(TenantResolution Resolution)
{
    /// <summary>True when the request named an existing but suspended school.</summary>
    public bool Suspended => Resolution.School?.Status == SchoolStatus.Suspended;
}
