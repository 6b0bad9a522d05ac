using Microsoft.AspNetCore.Identity;
using Photocollect.Tenancy.Data;

namespace Photocollect.Web.Accounts;

/// <summary>
/// Every account: students (user name = phone), school staff and platform operators (user name = email).
/// Belongs to one school, or to the platform when <see cref="TenantId"/> is null; the same phone number at two
/// schools is two accounts.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>, ITenantOrPlatformOwned
{
    /// <inheritdoc />
    public Guid? TenantId { get; set; }

    /// <summary>Name shown on staff pages.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Version of the service agreement the student accepted (students only).</summary>
    public string? AgreementVersion { get; set; }

    /// <summary>When the agreement was accepted (UTC).</summary>
    public DateTimeOffset? AgreementAcceptedAt { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Role names. Roles are global; a school role is held for the user's own school only.</summary>
public static class Roles
{
    /// <summary>Runs the platform: schools, adapters, support. Not tied to a school.</summary>
    public const string PlatformOperator = "PlatformOperator";

    /// <summary>Configures one school's campaigns and roster.</summary>
    public const string SchoolAdmin = "SchoolAdmin";

    /// <summary>Reviews one school's photos.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Shoots one school's offline sessions.</summary>
    public const string Photographer = "Photographer";

    /// <summary>A student of one school.</summary>
    public const string Student = "Student";

    /// <summary>The roles a school's staff can hold.</summary>
    public static IReadOnlyList<string> Staff { get; } = [SchoolAdmin, Reviewer, Photographer];

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [PlatformOperator, SchoolAdmin, Reviewer, Photographer, Student];
}
