using Photocollect.Data;

namespace Photocollect.Collection.Retention;

/// <summary>
/// When a campaign's personal data falls due for deletion (decision 011). Uploads and admission photos: the campaign's
/// days after the record's photo was delivered to the school, or after the window end when it never was. Standard
/// photos, ID numbers and phone numbers: the campaign's days after the window end, or by default the end of the
/// campaign year (the first instant of the next year, China time, after the window's end).
/// </summary>
public static class RetentionPeriods
{
    /// <summary>The longest period a school may set: ten years.</summary>
    public const int MaxDays = 3650;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The end of the campaign year: 1 January (China time) after the window's end.</summary>
    public static DateTimeOffset YearEnd(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var year = campaign.EndsAt.ToOffset(China).Year;
        return new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, China).ToUniversalTime();
    }

    /// <summary>When the uploads or the admission photo of a record are due, given when its photo was delivered (null: never).</summary>
    public static DateTimeOffset AfterDelivery(Campaign campaign, DateTimeOffset? deliveredAt, int days)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return (deliveredAt ?? campaign.EndsAt) + TimeSpan.FromDays(days);
    }

    /// <summary>When data kept "days after the window end, or to the end of the campaign year" is due.</summary>
    public static DateTimeOffset AfterWindow(Campaign campaign, int? days)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return days is { } d ? campaign.EndsAt + TimeSpan.FromDays(d) : YearEnd(campaign);
    }
}
