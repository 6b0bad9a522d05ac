using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Photocollect.Accounts;

/// <summary>The session's school claim must match the request's school (or platform).</summary>
public sealed class SameTenantRequirement : IAuthorizationRequirement;
