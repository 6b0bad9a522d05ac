using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// 现场采集 in Chromium with two phones and the photographer's station (three browser contexts): both students pay and
/// one books; an expired QR is refused; both take numbers with the station's QR; the phones follow the calls by
/// themselves; the first is photographed, the second misses the call and goes to the end, is called again and
/// photographed; both orders go to review, and the first is approved, produced and 已完成 on the phone.
/// </summary>
public sealed class OnSiteCollectionInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string School = "nanhu";

    [Fact]
    public async Task CarryTwoStudentsThroughTheQueueWithTheStation()
    {
        var school = fixture.BaseUrl + "/s/" + School;
        await using var firstPhone = await fixture.PhoneAsync();
        await using var secondPhone = await fixture.PhoneAsync();
        var (first, _) = await PaidStudentAsync(firstPhone, school, book: true);
        var (second, secondNumber) = await PaidStudentAsync(secondPhone, school, book: false);
        await fixture.ShotAsync(first, "onsite-01-student-paid-and-booked");

        // The photographer opens today's session on a laptop.
        await using var laptop = await fixture.LaptopAsync();
        var station = await laptop.NewPageAsync();
        station.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StaffSignIn(station, school, DemoSeeder.StaffEmail(School, "photographer"));
        await Open(station, school + "/staff/offline", "[data-test=open-station]");
        await Submit(station, "[data-test=open-station]", "[data-test=station-qr]");
        var session = station.Url[(station.Url.LastIndexOf('/') + 1)..];
        await fixture.ShotAsync(station, "onsite-02-station");

        // A photo of an old QR sent around: refused as expired.
        var expired = await TicketAsync(station, school, session);
        fixture.App.Clock.Advance(QueueTickets.Lifetime + TimeSpan.FromSeconds(5));
        try
        {
            await Open(first, expired, "[data-test=ticket-failed][data-problem=expired]");
            await fixture.ShotAsync(first, "onsite-03-ticket-expired");
        }
        finally
        {
            fixture.App.Clock.Advance(-(QueueTickets.Lifetime + TimeSpan.FromSeconds(5)));
        }

        // Both scan the QR on screen: the page issues the number by itself.
        await Open(first, await TicketAsync(station, school, session), "[data-test=queue-card]");
        await Open(second, await TicketAsync(station, school, session), "[data-test=queue-card]");
        Assert.Equal("1", (await first.InnerTextAsync("[data-queue-number]")).Trim());
        Assert.Equal("2", (await second.InnerTextAsync("[data-queue-number]")).Trim());
        await fixture.ShotAsync(second, "onsite-04-number-issued");

        // 叫号: the first phone turns to "your turn" by itself; the second sees the call and no one ahead.
        await Open(station, school + "/staff/offline/" + session, "[data-test=call-next]");
        await Submit(station, "[data-test=call-next]", "[data-test=station-called]:text('1')");
        await first.Locator("[data-test=queue-card][data-status=Called]").WaitForAsync();
        await second.Locator("[data-test=queue-called]:text('1')").WaitForAsync();
        await fixture.ShotAsync(first, "onsite-05-your-turn");

        // The photographer uploads the first student's photo; it passes and goes to review.
        await ShootAsync(station, "shot.jpg");
        await first.Locator("[data-test=queue-card][data-status=Shot]").WaitForAsync();

        // The second is called and not there (过号): to the end of the line with a new number, called again, photographed.
        await Submit(station, "[data-test=call-next]", "[data-test=station-called]:text('2')");
        await Submit(station, "[data-test=miss]", ".alert.info");
        await second.Locator("[data-queue-number]:text('3')").WaitForAsync();
        await fixture.ShotAsync(station, "onsite-06-station-after-miss");
        await Submit(station, "[data-test=call-next]", "[data-test=station-called]:text('3')");
        await second.Locator("[data-test=queue-card][data-status=Called]").WaitForAsync();
        await ShootAsync(station, "shot2.jpg");

        // The on-site screen shows the last call; both orders wait for review.
        var screen = await laptop.NewPageAsync();
        await Open(screen, school + "/offline/display/" + session, "[data-board-called]:text('3')");
        await fixture.ShotAsync(screen, "onsite-07-queue-screen");
        foreach (var phone in new[] { first, second })
        {
            await Open(phone, school + "/offline", "[data-test=offline-order][data-status=PendingReview]");
        }

        await fixture.ShotAsync(second, "onsite-08-in-review");

        // A reviewer approves the first photo and it is produced: the first phone sees 已完成, as an online order would.
        await Submit(first, "[data-test=offline-order-link]", "[data-test=order-card][data-status=PendingReview]");
        var orderUrl = first.Url;
        await using var reviewerLaptop = await fixture.LaptopAsync();
        var desk = await reviewerLaptop.NewPageAsync();
        await StaffSignIn(desk, school, DemoSeeder.StaffEmail(School, "reviewer"));
        await Open(desk, orderUrl.Replace("/orders/", "/staff/review/", StringComparison.Ordinal), "[data-test=approve]");
        await fixture.ShotAsync(desk, "onsite-15-review");
        await Submit(desk, "[data-test=approve]", ".alert.info");
        await Open(desk, school + "/staff/production", "[data-test=start-production]");
        await Submit(desk, "[data-test=start-production]", "[data-test=complete-production]");
        await Submit(desk, "[data-test=complete-production]", ".alert.info");
        await Open(first, orderUrl, "[data-test=order-card][data-status=Completed]");
        await fixture.ShotAsync(first, "onsite-16-completed");

        // The same pages in English, and the desk where staff find a student.
        await Open(second, school + "/offline/queue?culture=en", "[data-test=queue-card][data-status=Shot]");
        await fixture.ShotAsync(second, "onsite-09-queue-done-en");
        await Open(station, school + "/staff/offline/students?culture=en&Q=" + secondNumber, "[data-test=desk-student]");
        await fixture.ShotAsync(station, "onsite-10-desk-en");
        await Open(station, school + "/staff/offline/" + session + "?culture=en", "[data-test=station-qr]");
        await fixture.ShotAsync(station, "onsite-11-station-en");
        await Open(first, school + "/offline?culture=en", "[data-test=offline-order]");
        await fixture.ShotAsync(first, "onsite-12-offline-en");

        // The school admin's sessions page, in both languages.
        await using var adminLaptop = await fixture.LaptopAsync();
        var admin = await adminLaptop.NewPageAsync();
        await StaffSignIn(admin, school, DemoSeeder.StaffEmail(School, "admin"));
        await Open(admin, school + "/staff/sessions", "[data-test=session-list]");
        await fixture.ShotAsync(admin, "onsite-13-sessions");
        await Open(admin, school + "/staff/sessions?culture=en", "[data-test=session-list]");
        await fixture.ShotAsync(admin, "onsite-14-sessions-en");
        var width = await second.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"page is {width}px wide on a 390px phone");
    }

    // A new student on a phone: SMS sign-in, the code, verification, 现场采集 → 立即支付 → Sandbox; with book, a slot.
    private async Task<(IPage Page, string StudentNumber)> PaidStudentAsync(IBrowserContext phone, string school, bool book)
    {
        var page = await phone.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var number = AppFactory.NewPhone();
        await Open(page, school + "/collect", "[data-test=send-code]");
        await page.FillAsync("#Phone", number);
        await page.CheckAsync("[data-test=agree]");
        await Submit(page, "[data-test=send-code]", ".alert.info");
        await page.FillAsync("#Code", await fixture.App.LatestCodeAsync(School, number));
        await Submit(page, "[data-test=verify]", "[data-test=pick-code]");
        var studentNumber = await fixture.App.InSchoolAsync(School, Journeys.UnusedStudentNumberAsync);
        var code = await fixture.App.InSchoolAsync(School, sp =>
            Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(DemoSeeder.Schools[1].Code, studentNumber)));
        await page.SetInputFilesAsync("#Picture", new FilePayload { Name = "code.png", MimeType = "image/png", Buffer = Codes.Screenshot(code) });
        await page.Locator("[data-test=record]").WaitForAsync();
        await page.FillAsync("#FeatureCode", DemoSeeder.FeatureCode(School));
        await Submit(page, "[data-test=verify-record]", "[data-test=to-offline]");
        await Submit(page, "[data-test=to-offline]", "[data-test=offline-pay]");
        await fixture.ShotAsync(page, "onsite-00-service");
        await Submit(page, "[data-test=offline-pay]", "[data-test=pay]");
        await Submit(page, "[data-test=pay]", "[data-test=sandbox-pay]");
        await Submit(page, "[data-test=sandbox-pay]", "[data-test=order-card][data-status=Paid]");
        await Open(page, school + "/offline", "[data-test=offline-order][data-status=Paid]");
        if (book)
        {
            await page.Locator("[data-test=slot]:not([disabled])").First.CheckAsync();
            await Submit(page, "[data-test=offline-book-submit]", "[data-test=offline-booking]");
        }

        return (page, studentNumber);
    }

    // The photographer uploads the called student's photo and waits for the station's answer: sent to review, or why not.
    private static async Task ShootAsync(IPage station, string name)
    {
        await station.SetInputFilesAsync("[data-test=shoot-file]", new FilePayload { Name = name, MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await station.ClickAsync("[data-test=shoot-submit]");
        var answer = station.Locator(".alert.info:has-text('提交审核'), .alert.error");
        await answer.First.WaitForAsync();
        var said = await answer.First.InnerTextAsync();
        Assert.True((await answer.First.GetAttributeAsync("class"))?.Contains("info", StringComparison.Ordinal) == true, "the station said: " + said);
    }

    // The QR's text as the station shows it now (its ticket endpoint, with the photographer's sign-in).
    private static async Task<string> TicketAsync(IPage station, string school, string session)
    {
        var answer = await station.Context.APIRequest.GetAsync($"{school}/staff/api/offline/sessions/{session}/ticket");
        Assert.True(answer.Ok, $"{answer.Status}");
        return JsonDocument.Parse(await answer.TextAsync()).RootElement.GetProperty("ticket").GetString()!;
    }
}
