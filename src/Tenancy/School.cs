namespace Photocollect.Tenancy;

/// <summary>A school: the tenant. Everything a student or staff member does happens inside one school.</summary>
public sealed class School
{
    /// <summary>Primary key; the value of <c>TenantId</c> on every row the school owns.</summary>
    public Guid Id { get; set; }

    /// <summary>URL name: <c>/s/{slug}/</c> and <c>{slug}.{base domain}</c>. Lower-case letters, digits and hyphens.</summary>
    public required string Slug { get; set; }

    /// <summary>Full name shown to people, e.g. 东北师范大学.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Six-digit school code; the first part of every order number.</summary>
    public required string SchoolCode { get; set; }

    /// <summary>Name, logo and colour on the student pages.</summary>
    public SchoolBranding Branding { get; set; } = new();

    /// <summary>A suspended school serves nothing but a page that says so.</summary>
    public SchoolStatus Status { get; set; } = SchoolStatus.Active;

    /// <summary>Custom host names (lower case, no port) that resolve to this school.</summary>
    public List<string> HostNames { get; set; } = [];

    /// <summary>When the school was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
