using Microsoft.AspNetCore.Identity;
using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

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
