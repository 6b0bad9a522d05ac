using Photocollect.Tenancy.Settings;

namespace Photocollect.Data;

/// <summary>What the student pages say about the school (section <c>profile</c>).</summary>
[TenantSettingsSection("profile")]
public sealed class SchoolProfileSettings
{
    /// <summary>Online, offline or both.</summary>
    public CaptureMode CaptureMode { get; set; } = CaptureMode.Online;

    /// <summary>Support phone, e.g. 010-58691620.</summary>
    public string? SupportPhone { get; set; }

    /// <summary>Support hours in words, e.g. 工作日 9:00–17:00（周一闭馆）.</summary>
    public string? SupportHours { get; set; }

    /// <summary>The same hours in English for the English pages (e.g. Weekdays 9:00–17:00), or null.</summary>
    public string? SupportHoursEnglish { get; set; }

    /// <summary>The hours to show: the English words on English pages when the school gave them.</summary>
    public string? HoursFor(bool english) =>
        english && !string.IsNullOrWhiteSpace(SupportHoursEnglish) ? SupportHoursEnglish : SupportHours;
}
