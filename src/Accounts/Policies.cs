using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Photocollect.Data;

namespace Photocollect.Accounts;

/// <summary>Policy names.</summary>
public static class Policies
{
    /// <summary>A student of the current school.</summary>
    public const string Student = "Student";

    /// <summary>Any staff role at the current school, or an operator at the platform root.</summary>
    public const string Staff = "Staff";

    /// <summary>The school admin of the current school.</summary>
    public const string SchoolAdmin = "SchoolAdmin";

    /// <summary>A platform operator, outside any school.</summary>
    public const string PlatformOperator = "PlatformOperator";

    /// <summary>Registers the policies: each requires a role and that the session belongs to the current scope.</summary>
    public static AuthorizationBuilder AddPhotocollectPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Student, p => p.RequireRole(Roles.Student).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(Staff, p => p.RequireRole([.. Roles.Staff, Roles.PlatformOperator]).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(SchoolAdmin, p => p.RequireRole(Roles.SchoolAdmin).AddRequirements(new SameTenantRequirement()))
            .AddPolicy(PlatformOperator, p => p.RequireRole(Roles.PlatformOperator).AddRequirements(new SameTenantRequirement()));
    }
}
