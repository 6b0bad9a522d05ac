using Photocollect.Data;

namespace Photocollect.Web.Platform;

/// <summary>What the operator types to onboard a school, or to change one (the admin fields only when onboarding).</summary>
public sealed class SchoolForm
{
    /// <summary>URL name (<c>/s/{slug}/</c>, <c>{slug}.{base domain}</c>); fixed once the school exists.</summary>
    public string? Slug { get; set; }

    /// <summary>Full name, e.g. 东北师范大学.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Short name in the page header, e.g. 东北师大.</summary>
    public string? ShortName { get; set; }

    /// <summary>Six-digit school code (the first part of order numbers); fixed once the school exists.</summary>
    public string? SchoolCode { get; set; }

    /// <summary>Custom host names, one per line (or separated by commas or spaces).</summary>
    public string? HostNames { get; set; }

    /// <summary>Primary colour <c>#rrggbb</c>.</summary>
    public string? PrimaryColor { get; set; } = "#1d4ed8";

    /// <summary>Support phone shown to students.</summary>
    public string? SupportPhone { get; set; }

    /// <summary>Support hours in words.</summary>
    public string? SupportHours { get; set; }

    /// <summary>Support hours in English words (shown on the English pages).</summary>
    public string? SupportHoursEnglish { get; set; }

    /// <summary>Online, on site, or both.</summary>
    public CaptureMode CaptureMode { get; set; } = CaptureMode.Online;

    /// <summary>The first school admin's e-mail (their sign-in).</summary>
    public string? AdminEmail { get; set; }

    /// <summary>A mobile number to send the admin's link to by SMS (optional).</summary>
    public string? AdminPhone { get; set; }
}
