using Microsoft.Extensions.Localization;
using Photocollect.Data;
using Photocollect.Collection;

namespace Photocollect.Web.Text;

/// <summary>What a student is told about a campaign's window: pages and API say the same.</summary>
public static class CampaignWindowText
{
    /// <summary>Why nothing is accepted now (the window in China time and what to do), or null when open.</summary>
    public static string? Closed(this IStringLocalizer<SharedResource> text, Campaign campaign, WindowState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(campaign);
        var window = $"{Formats.ChinaTime(campaign.StartsAt)} – {Formats.ChinaTime(campaign.EndsAt)}";
        return state switch
        {
            WindowState.NotStarted => text["Collect.NotStarted", window].Value,
            WindowState.Ended => text["Collect.Ended", window, campaign.SupportPhone].Value,
            _ => null,
        };
    }
}
