using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;

namespace Photocollect.Accounts;

/// <summary>The session's school claim must match the request's school (or platform).</summary>
public sealed class SameTenantRequirement : IAuthorizationRequirement;
