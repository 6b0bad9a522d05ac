using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The school admin's 场次 page: a session cut into slots of the chosen length, each with the capacity; bad input and
/// a day outside the campaign's window refused with what was typed kept and nothing written; the booking rule saved
/// and obeyed (students cannot book when it is off, staff still can); other staff kept out.
/// </summary>
public sealed class SessionsAdminShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/nanhu/staff/sessions";

    [Fact]
    public async Task AddASessionCutIntoSlotsAndRefuseBadOnes()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        var before = await SessionCountAsync();
        var today = OnSiteFlow.ChinaDay(app.Clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var bad = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=session-add-submit]", new Dictionary<string, string?>
        {
            ["Place"] = "", ["Day"] = "2026-13-40", ["From"] = "17:00", ["To"] = "09:00", ["SlotMinutes"] = "5", ["Capacity"] = "0",
        }));
        var said = bad.Text(".alert.error") ?? "";
        Assert.All(["请填写地点", "请选择日期", "结束须晚于开始", "时段长度须为"], part => Assert.Contains(part, said, StringComparison.Ordinal));
        var outside = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=session-add-submit]", new Dictionary<string, string?>
        {
            ["Place"] = "体育馆", ["Day"] = "2099-01-01", ["From"] = "09:00", ["To"] = "11:30", ["SlotMinutes"] = "60", ["Capacity"] = "20",
        }));
        Assert.Contains("采集期内", outside.Text(".alert.error"), StringComparison.Ordinal);
        Assert.Equal("体育馆", outside.QuerySelector("[name=Place]")?.GetAttribute("value"));
        Assert.Equal(before, await SessionCountAsync());

        var added = await Html.SubmitAsync(admin, page, "[data-test=session-add-submit]", new Dictionary<string, string?>
        {
            ["Place"] = "体育馆", ["Day"] = today, ["From"] = "09:00", ["To"] = "11:30", ["SlotMinutes"] = "60", ["Capacity"] = "20",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var slots = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var session = await db.CollectionSessions.SingleAsync(s => s.Place == "体育馆");
            return await db.SessionSlots.Where(s => s.SessionId == session.Id).OrderBy(s => s.StartsAt).ToListAsync();
        });
        Assert.Equal([60.0, 60.0, 30.0], slots.Select(s => (s.EndsAt - s.StartsAt).TotalMinutes));
        Assert.All(slots, s => Assert.Equal(20, s.Capacity));
        Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromTimeSpan(slots[0].StartsAt.ToOffset(TimeSpan.FromHours(8)).TimeOfDay));
        var (_, listed) = await Html.GetAsync(admin, Page);
        Assert.Contains("体育馆", listed.Text("[data-test=session-list]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TurnStudentBookingOffAndStillLetStaffBook()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, page, "[data-test=session-rules] button", new Dictionary<string, string?> { ["BookingEnabled"] = null, ["MissedGoesToEnd"] = "true" })).StatusCode);
        try
        {
            var (_, slot) = await app.NewSessionAsync(capacity: 5);
            var (byStudent, byStaff) = await app.InSchoolAsync(AppFactory.B, async sp =>
            {
                var (account, campaign) = await OnSite.VerifiedStudentAsync(sp);
                var onSite = sp.GetRequiredService<OnSiteFlow>();
                await OnSite.PayAsync(sp, (await onSite.StartAsync(account.Id, campaign)).Value!);
                campaign = await sp.GetRequiredService<AppDbContext>().Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign.Id);
                return ((await onSite.BookAsync(account.Id, campaign, slot.Id, bookedBy: null)).Problem, (await onSite.BookAsync(account.Id, campaign, slot.Id, bookedBy: "admin@nanhu.demo")).Problem);
            });
            Assert.Equal(("booking_off", (string?)null), (byStudent, byStaff));
        }
        finally
        {
            var (_, again) = await Html.GetAsync(admin, Page);
            await Html.SubmitAsync(admin, again, "[data-test=session-rules] button", new Dictionary<string, string?> { ["BookingEnabled"] = "true", ["MissedGoesToEnd"] = "true" });
        }

        Assert.True(await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Campaigns.AnyAsync(c => c.BookingEnabled)));
    }

    [Fact]
    public async Task KeepOtherStaffOut()
    {
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
    }

    private Task<int> SessionCountAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().CollectionSessions.CountAsync());
}
