using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// 现场采集 through the real forms at the school sold as online + offline: a student verifies the code, pays the on-site
/// order, books a slot and takes a number with the station's ticket; the photographer calls the number and uploads
/// the photo, and the order goes to review.
/// </summary>
public sealed class OnSiteCollectionShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task TakeAStudentFromPaymentThroughTheQueueToReview()
    {
        var student = await VerifiedStudentAsync();
        var (_, offline) = await Html.GetAsync(student, Base + "/offline");
        Assert.NotNull(offline.QuerySelector("[data-test=offline-service]"));

        var toOrder = await Html.SubmitAsync(student, offline, "[data-test=offline-pay]");
        var (_, order) = await Html.GetAsync(student, toOrder.Headers.Location!.OriginalString);
        var toCashier = await Html.SubmitAsync(student, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(student, toCashier.Headers.Location!.OriginalString);
        await Html.SubmitAsync(student, cashier, "[data-test=sandbox-pay]");

        var (_, paid) = await Html.GetAsync(student, Base + "/offline");
        Assert.Equal(nameof(OrderStatus.Paid), paid.QuerySelector("[data-test=offline-order]")?.GetAttribute("data-status"));
        var slot = paid.QuerySelectorAll("[data-test=slot]").First(s => !s.HasAttribute("disabled")).GetAttribute("value");
        var booked = await Html.SubmitAsync(student, paid, "[data-test=offline-book-submit]", new Dictionary<string, string?> { ["SlotId"] = slot });
        var (_, afterBooking) = await Html.GetAsync(student, booked.Headers.Location!.OriginalString);
        Assert.NotNull(afterBooking.QuerySelector("[data-test=offline-booking]"));

        var photographer = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "photographer"));
        var session = await TodaysSessionAsync();
        var ticket = (await photographer.GetFromJsonAsync<JsonElement>($"{Base}/staff/api/offline/sessions/{session}/ticket")).GetProperty("ticket").GetString()!;
        var (_, issuing) = await Html.GetAsync(student, ticket[ticket.IndexOf("/offline/q", StringComparison.Ordinal)..].Insert(0, Base));
        var taken = await Html.SubmitAsync(student, issuing, "[data-test=ticket-take]");
        var (_, queue) = await Html.GetAsync(student, taken.Headers.Location!.OriginalString);
        var number = queue.Text("[data-queue-number]");

        var (_, station) = await Html.GetAsync(photographer, $"{Base}/staff/offline/{session}");
        await Html.SubmitAsync(photographer, station, "[data-test=call-next]");
        var (_, calling) = await Html.GetAsync(photographer, $"{Base}/staff/offline/{session}");
        Assert.Equal(number, calling.Text("[data-test=station-called]"));
        var shot = await Html.UploadAsync(photographer, calling, "[data-test=shoot-form]", "Photo", "shot.jpg", Faces.GoodPhoto());

        Assert.Equal(HttpStatusCode.Redirect, shot.StatusCode);
        var (_, done) = await Html.GetAsync(student, Base + "/offline");
        Assert.Equal(nameof(OrderStatus.PendingReview), done.QuerySelector("[data-test=offline-order]")?.GetAttribute("data-status"));
    }

    [Fact]
    public async Task SayWhenTheScannedCodeHasExpired()
    {
        var student = await VerifiedStudentAsync();
        var (_, offline) = await Html.GetAsync(student, Base + "/offline");
        await Html.SubmitAsync(student, offline, "[data-test=offline-pay]");
        var session = await TodaysSessionAsync();
        var old = await app.InSchoolAsync("nanhu", sp => Task.FromResult(sp.GetRequiredService<QueueTickets>().Issue(sp.GetRequiredService<Photocollect.Tenancy.TenantContext>().RequiredSchool.Id, session).Text));
        app.Clock.Advance(QueueTickets.Lifetime + TimeSpan.FromSeconds(5));
        try
        {
            var (_, issuing) = await Html.GetAsync(student, $"{Base}/offline/q?t={Uri.EscapeDataString(old)}");
            var failed = await Html.ParseAsync(await Html.SubmitAsync(student, issuing, "[data-test=ticket-take]"));

            Assert.Equal("expired", failed.QuerySelector("[data-test=ticket-failed]")?.GetAttribute("data-problem"));
            Assert.Contains("排号已过期", failed.Text("[data-test=ticket-failed]"), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Advance(-(QueueTickets.Lifetime + TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public async Task RefundAPaidOrderNeverPhotographedWhenTheWindowEnds()
    {
        var phone = AppFactory.NewPhone();
        var student = await VerifiedStudentAsync(phone);
        var (_, offline) = await Html.GetAsync(student, Base + "/offline");
        var toOrder = await Html.SubmitAsync(student, offline, "[data-test=offline-pay]");
        var orderUrl = toOrder.Headers.Location!.OriginalString;
        var (_, order) = await Html.GetAsync(student, orderUrl);
        var toCashier = await Html.SubmitAsync(student, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(student, toCashier.Headers.Location!.OriginalString);
        await Html.SubmitAsync(student, cashier, "[data-test=sandbox-pay]");
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);

        var past = TimeSpan.FromDays(61);  // the demo window closes 60 days after seeding
        app.Clock.Advance(past);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var unshot = scope.ServiceProvider.GetRequiredService<Photocollect.Payments.UnshotOrders>();
            Assert.True(await unshot.RefundDueAsync() >= 1);
            await unshot.RefundDueAsync();  // again: nothing more for this order

            var (status, refunds) = await app.InSchoolAsync("nanhu", async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                return ((await db.Orders.SingleAsync(o => o.Id == orderId)).Status, await db.Refunds.CountAsync(r => r.OrderId == orderId));
            });
            Assert.Equal((OrderStatus.Refunded, 1), (status, refunds));
            var told = Assert.Single(await app.SmsToStudentOfAsync("nanhu", orderId), m => m.Template == nameof(Photocollect.Sms.SmsTemplate.Refunded));
            Assert.Contains("毕业照片订单", told.Text, StringComparison.Ordinal);  // the job's refund, texted outside any request

            // The student, signing in again two months on, finds the order saying so and when the money is back.
            var back = await app.StudentAsync("nanhu", phone);
            var (_, refunded) = await Html.GetAsync(back, orderUrl);
            Assert.Contains("3 个工作日", refunded.Text("[data-test=refund]"), StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Advance(-past);
        }
    }

    [Fact]
    public async Task LetStaffCorrectAStudentsNameAtTheDeskOnTheRecord()
    {
        var phone = AppFactory.NewPhone();
        await VerifiedStudentAsync(phone);
        var photographer = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "photographer"));

        var (_, found) = await Html.GetAsync(photographer, $"{Base}/staff/offline/students?Q={phone}");
        var refused = await Html.ParseAsync(await Html.SubmitAsync(photographer, found, "[data-test=desk-correct-submit]",
            new Dictionary<string, string?> { ["Name"] = "王五", ["IdNumber"] = "123", ["Reason"] = "核对身份证原件" }));
        var saved = await Html.SubmitAsync(photographer, found, "[data-test=desk-correct-submit]",
            new Dictionary<string, string?> { ["Name"] = "王五", ["IdNumber"] = "11010519491231002X", ["Reason"] = "核对身份证原件" });
        var (_, after) = await Html.GetAsync(photographer, saved.Headers.Location!.OriginalString);

        Assert.Contains("身份证号不正确", refused.Text(".alert.error"), StringComparison.Ordinal);
        Assert.Equal("王五", after.Text("[data-test=desk-name]"));
        Assert.Contains("photographer@nanhu.demo", after.Text("[data-test=desk-corrections]"), StringComparison.Ordinal);
    }

    // A new student of nanhu who uploaded a collection code and verified it with the feature code.
    private async Task<HttpClient> VerifiedStudentAsync(string? phone = null)
    {
        var student = await app.StudentAsync("nanhu", phone ?? AppFactory.NewPhone());
        var code = await app.InSchoolAsync("nanhu", async sp =>
            sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(DemoSeeder.Schools[1].Code, await Journeys.UnusedStudentNumberAsync(sp)));
        var (_, collect) = await Html.GetAsync(student, Base + "/collect");
        await Html.UploadAsync(student, collect, "form[data-upload]", "Picture", "code.png", Codes.Screenshot(code), "image/png");
        var (_, verify) = await Html.GetAsync(student, Base + "/collect/verify");
        var verified = await Html.SubmitAsync(student, verify, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = DemoSeeder.FeatureCode("nanhu") });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        return student;
    }

    private Task<Guid> TodaysSessionAsync() => app.InSchoolAsync("nanhu", async sp =>
    {
        var today = OnSiteFlow.ChinaDay(app.Clock.GetUtcNow());
        return await sp.GetRequiredService<AppDbContext>().CollectionSessions.Where(s => s.Day == today).Select(s => s.Id).FirstAsync();
    });
}
