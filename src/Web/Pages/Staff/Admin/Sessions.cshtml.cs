using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// 场次: the school admin sets the on-site sessions of the graduation campaign (place, day, hours cut into slots of a
/// length, each taking so many students) and the campaign's on-site rules: whether students book, and where a called
/// student who is not there goes (过号).
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class SessionsModel(AppDbContext db, CollectionFlow flow, OnSiteFlow onSite, CampaignDirectory campaigns, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>Most slots one session may have.</summary>
    public const int MaxSlots = 48;

    /// <summary>The graduation campaign, or null.</summary>
    public Campaign? Campaign { get; private set; }

    /// <summary>Its sessions (past ones too), with slots and bookings.</summary>
    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    /// <summary>Place.</summary>
    [BindProperty]
    public string? Place { get; set; }

    /// <summary>Day (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? Day { get; set; }

    /// <summary>First slot's start (HH:mm, China time).</summary>
    [BindProperty]
    public string? From { get; set; } = "09:00";

    /// <summary>Last slot's end (HH:mm).</summary>
    [BindProperty]
    public string? To { get; set; } = "17:00";

    /// <summary>Minutes per slot.</summary>
    [BindProperty]
    public int SlotMinutes { get; set; } = 60;

    /// <summary>Students per slot.</summary>
    [BindProperty]
    public int Capacity { get; set; } = 60;

    /// <summary>Students book slots.</summary>
    [BindProperty]
    public bool BookingEnabled { get; set; }

    /// <summary>A missed number goes to the end of the line.</summary>
    [BindProperty]
    public bool MissedGoesToEnd { get; set; }

    /// <summary>Problems with the form.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>A confirmation.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the sessions.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Day ??= OnSiteFlow.ChinaDay(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        BookingEnabled = Campaign?.BookingEnabled ?? true;
        MissedGoesToEnd = Campaign?.MissedGoesToEnd ?? true;
    }

    /// <summary>Adds a session with its slots.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var errors = new List<string>();
        var place = Place?.Trim() ?? "";
        if (Campaign is null)
        {
            errors.Add(localizer["Sessions.NoCampaign"]);
        }

        if (place.Length is 0 or > 100)
        {
            errors.Add(localizer["Sessions.PlaceRequired"]);
        }

        if (!DateOnly.TryParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(localizer["Sessions.DayInvalid"]);
        }

        var times = TimeOnly.TryParseExact(From, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            & TimeOnly.TryParseExact(To, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to);
        if (!times || to <= from)
        {
            errors.Add(localizer["Sessions.HoursInvalid"]);
        }

        if (SlotMinutes is < 10 or > 480 || Capacity is < 1 or > 2000)
        {
            errors.Add(localizer["Sessions.SlotInvalid"]);
        }

        var slots = times && to > from && SlotMinutes >= 10 ? (int)Math.Ceiling((to - from).TotalMinutes / SlotMinutes) : 0;
        if (slots > MaxSlots)
        {
            errors.Add(localizer["Sessions.TooManySlots", MaxSlots]);
        }

        if (errors.Count == 0 && Campaign is not null)
        {
            var startOfDay = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            var campaignDay = (First: OnSiteFlow.ChinaDay(Campaign.StartsAt), Last: OnSiteFlow.ChinaDay(Campaign.EndsAt));
            if (day < campaignDay.First || day > campaignDay.Last)
            {
                errors.Add(localizer["Sessions.OutsideWindow", campaignDay.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), campaignDay.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            }
            else
            {
                var session = new CollectionSession { Id = Guid.CreateVersion7(), CampaignId = Campaign.Id, Place = place, Day = day, CreatedAt = clock.GetUtcNow() };
                db.CollectionSessions.Add(session);
                for (var i = 0; i < slots; i++)
                {
                    var start = startOfDay + from.ToTimeSpan() + TimeSpan.FromMinutes(i * SlotMinutes);
                    var end = Min(start + TimeSpan.FromMinutes(SlotMinutes), startOfDay + to.ToTimeSpan());
                    db.SessionSlots.Add(new SessionSlot { Id = Guid.CreateVersion7(), SessionId = session.Id, StartsAt = start.ToUniversalTime(), EndsAt = end.ToUniversalTime(), Capacity = Capacity });
                }

                await db.SaveChangesAsync(cancellationToken);
                Info = localizer["Sessions.Added", place, slots];
                return RedirectToPage();
            }
        }

        Errors = errors;
        return Page();
    }

    /// <summary>Saves the campaign's on-site rules.</summary>
    public async Task<IActionResult> OnPostRulesAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Campaign is null)
        {
            Errors = [localizer["Sessions.NoCampaign"]];
            return Page();
        }

        await db.Campaigns.Where(c => c.Id == Campaign.Id).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.BookingEnabled, BookingEnabled).SetProperty(c => c.MissedGoesToEnd, MissedGoesToEnd), cancellationToken);
        campaigns.Forget(Campaign.TenantId);
        Info = localizer["Sessions.RulesSaved"];
        return RedirectToPage();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Campaign = await flow.CampaignAsync(CampaignKind.Graduation, cancellationToken);
        Sessions = Campaign is null ? [] : await onSite.SessionsAsync(Campaign, includePast: true, cancellationToken);
    }
}
