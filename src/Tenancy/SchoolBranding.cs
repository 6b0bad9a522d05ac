namespace Photocollect.Tenancy;

/// <summary>How the student pages of a school look.</summary>
public sealed class SchoolBranding
{
    /// <summary>Short name in the page header, e.g. 东北师大.</summary>
    public string? ShortName { get; set; }

    /// <summary>Logo URL (absolute or site-relative), or null for the name only.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>Primary colour as <c>#rrggbb</c>.</summary>
    public string PrimaryColor { get; set; } = "#1d4ed8";
}
