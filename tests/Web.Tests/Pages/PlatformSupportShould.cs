using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Collection;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Sms;
using Photocollect.Tenancy;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The operator's support page: one phone number with an account at each demo school is found at both, masked; an
/// order number finds its one student; a student's page shows the orders with their history and the SMS sent (from
/// the SMS log every send writes), and the last notification goes out again through the school's sender (a new row in
/// the dev outbox); every search, look and resend is on the platform's audit trail. Bad input is told why, and no
/// school staff gets in.
/// </summary>
public sealed class PlatformSupportShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task FindAStudentByPhoneAtBothSchoolsAndByOrderNumberAndResendTheLastMessage()
    {
        var phone = AppFactory.NewPhone();
        var atA = await app.InSchoolAsync(AppFactory.A, sp => StudentWithApprovedOrderAsync(sp, AppFactory.A, phone));
        var atB = await app.InSchoolAsync(AppFactory.B, sp => StudentWithApprovedOrderAsync(sp, AppFactory.B, phone));
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var auditedBefore = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters().MaxAsync(e => (long?)e.Id)) ?? 0;

        // By phone (typed with spaces and +86): one student at each school, masked.
        var (response, found) = await Html.GetAsync(op, "/staff/platform/support?q=" + Uri.EscapeDataString($"+86 {phone[..3]} {phone[3..7]} {phone[7..]}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}");
        var matches = found.QuerySelectorAll("[data-test=support-match]");
        Assert.Equal([AppFactory.A, AppFactory.B], matches.Select(m => m.GetAttribute("data-slug")).Order(StringComparer.Ordinal));
        Assert.All(matches, m => Assert.Equal(PhoneNumber.Mask(phone), m.GetAttribute("data-phone")));
        Assert.DoesNotContain(phone, found.Body!.InnerHtml, StringComparison.Ordinal);

        // By order number: B's student only.
        var (_, byOrder) = await Html.GetAsync(op, "/staff/platform/support?q=" + atB.Order.Number);
        Assert.Equal([AppFactory.B], byOrder.QuerySelectorAll("[data-test=support-match]").Select(m => m.GetAttribute("data-slug")));

        // The student's page: record masked, the order with its history, the approval SMS from the log.
        var open = byOrder.QuerySelector("[data-test=support-open]")!.GetAttribute("href")!;
        var (_, student) = await Html.GetAsync(op, open);
        Assert.Equal(AppFactory.B, student.QuerySelector("[data-test=support-student]")?.GetAttribute("data-slug"));
        Assert.Equal(IdNumber.Mask(atB.Record.IdNumber), student.Text("[data-test=support-id]"));
        Assert.DoesNotContain(atB.Record.IdNumber, student.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, student.Body!.InnerHtml, StringComparison.Ordinal);
        var order = student.QuerySelector($"[data-test=support-order][data-number='{atB.Order.Number}']");
        Assert.NotNull(order);
        Assert.Equal(nameof(OrderStatus.PendingProduction), order.GetAttribute("data-status"));
        Assert.Equal(System.Text.Json.JsonDocument.Parse(atB.Order.History).RootElement.GetArrayLength(), order.QuerySelectorAll("[data-test=support-history] li").Length);
        Assert.True(order.QuerySelectorAll("[data-test=support-history] li").Length >= 2);  // paid, approved
        var messages = student.QuerySelectorAll("[data-test=support-message]");
        Assert.Equal([nameof(SmsTemplate.ReviewApproved), nameof(SmsTemplate.LoginCode)], messages.Select(m => m.GetAttribute("data-template")));
        var logged = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().SmsLog.Where(m => m.Phone == phone).ToListAsync());
        Assert.DoesNotContain(logged, m => m.Text.Contains(atB.LoginCode, StringComparison.Ordinal) || m.Parameters.Contains(atB.LoginCode, StringComparison.Ordinal));
        Assert.Contains(logged, m => m.Template == nameof(SmsTemplate.LoginCode) && m.Text.Contains(SmsHistory.MaskedCode, StringComparison.Ordinal));

        // Resend: through B's sender (the dev outbox), B's log, the platform's audit trail.
        var outboxBefore = await OutboxAsync(AppFactory.B, phone);
        var outboxAtA = await OutboxAsync(AppFactory.A, phone);
        var resent = await Html.SubmitAsync(op, student, "[data-test=support-resend]");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var (_, after) = await Html.GetAsync(op, resent.Headers.Location!.OriginalString);
        Assert.NotNull(after.QuerySelector("[data-test=support-info]"));
        var outboxAfter = await OutboxAsync(AppFactory.B, phone);
        Assert.Equal(outboxBefore.Count + 1, outboxAfter.Count);
        Assert.Contains(atB.Order.Number, outboxAfter[^1], StringComparison.Ordinal);
        Assert.Equal(outboxAtA, await OutboxAsync(AppFactory.A, phone));
        Assert.Equal(2, after.QuerySelectorAll($"[data-test=support-message][data-template={nameof(SmsTemplate.ReviewApproved)}]").Length);

        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .Where(e => e.Id > auditedBefore && e.Action.StartsWith("support.")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(
            [AuditActions.SupportSearch, AuditActions.SupportSearch, AuditActions.SupportView, AuditActions.SupportResend, AuditActions.SupportView],
            trail.Select(e => e.Action));
        Assert.All(trail, e => Assert.Equal((null, DemoSeeder.OperatorEmail), (e.TenantId, e.Who)));
        Assert.Equal(PhoneNumber.Mask(phone), trail[0].Subject);
        Assert.Equal(atB.Order.Number, trail[1].Subject);
        Assert.Equal($"{AppFactory.B} {PhoneNumber.Mask(phone)}", trail[3].Subject);
        Assert.DoesNotContain(trail, e => (e.Subject + e.Details).Contains(phone, StringComparison.Ordinal));
        Assert.DoesNotContain(atA.Order.Number, after.Body!.InnerHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "PlatformSupport.Error.Empty")]
    [InlineData("   ", "PlatformSupport.Error.Empty")]
    [InlineData("1381234", "PlatformSupport.Error.Phone")]
    [InlineData("12812345678", "PlatformSupport.Error.Phone")]
    [InlineData("000015-2024", "PlatformSupport.Error.OrderShape")]
    [InlineData("王小明", "PlatformSupport.Error.Unknown")]
    [InlineData("000000-20990101000000000", "PlatformSupport.Error.UnknownOrder")]
    public async Task SayWhatIsWrongWithTheQuery(string query, string problem)
    {
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);

        var (response, page) = await Html.GetAsync(op, "/staff/platform/support?q=" + Uri.EscapeDataString(query));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(problem, page.QuerySelector("[data-test=support-error]")?.GetAttribute("data-problem"));
        Assert.False(string.IsNullOrWhiteSpace(page.Text("[data-test=support-error]")));
        Assert.Empty(page.QuerySelectorAll("[data-test=support-match]"));
    }

    [Fact]
    public async Task KeepSchoolStaffAndStrangersOutOfTheOperatorsPages()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        using var anonymous = app.Browser();
        string[] pages = ["/staff/platform", "/staff/platform/support?q=13812345678", "/staff/platform/orleans/", "/staff/platform/orleans/DashboardCounters"];

        foreach (var page in pages)
        {
            Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/s/beifang" + page)).StatusCode);
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(page)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/staff/platform/orleans/")).StatusCode);
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var dashboard = await op.GetAsync("/staff/platform/orleans/");
        Assert.True(dashboard.StatusCode == HttpStatusCode.OK, $"{dashboard.StatusCode}");
        Assert.Contains("text/html", dashboard.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.PostAsync("/staff/platform/support?handler=Resend", new FormUrlEncodedContent([]))).StatusCode);
    }

    /// <summary>A student at the school of the scope with <paramref name="phone"/>, signed in by SMS code, verified and
    /// with a paid order approved by a reviewer (so an approval SMS was sent).</summary>
    private static async Task<(Order Order, StudentRecord Record, string LoginCode)> StudentWithApprovedOrderAsync(IServiceProvider sp, string slug, string phone)
    {
        var school = sp.GetRequiredService<TenantContext>().RequiredSchool;
        // A login code first, as a real sign-in sends one: the log must not keep its digits.
        var codes = sp.GetRequiredService<SmsCodeService>();
        Assert.Equal(SendCodeStatus.Sent, (await codes.SendAsync(phone, "127.0.0.1", default)).Status);
        var db = sp.GetRequiredService<AppDbContext>();
        var loginText = await db.SmsOutbox.Where(m => m.Phone == phone).OrderByDescending(m => m.CreatedAt).Select(m => m.Text).FirstAsync();
        var loginCode = Outbox.CodeIn(loginText);

        var flow = sp.GetRequiredService<CollectionFlow>();
        var account = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(phone, default);
        var campaign = (await flow.CampaignAsync(CampaignKind.Graduation))!;
        var code = sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(school.SchoolCode, await Journeys.UnusedStudentNumberAsync(sp));
        Assert.NotNull((await flow.ReadCodeAsync(account.Id, campaign, null, code)).Record);
        Assert.Null((await flow.VerifyAsync(account.Id, phone, campaign, new VerifyInput(DemoSeeder.FeatureCode(slug), null, null, null, null))).Problem);
        await flow.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
        var photo = await flow.CheckPhotoAsync(account.Id, campaign, Faces.GoodPhoto());
        Assert.Null(photo.Problem);
        var order = (await flow.SubmitAsync(account.Id, campaign, photo.Photo!.Id)).Order!;
        await OnSite.PayAsync(sp, order);
        Assert.True((await sp.GetRequiredService<ReviewDesk>().ApproveAsync(order.Id, DemoSeeder.StaffEmail(slug, "reviewer"))).Succeeded);
        var saved = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id);
        return (saved, await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == saved.RecordId), loginCode);
    }

    private Task<List<string>> OutboxAsync(string slug, string phone) => app.InSchoolAsync(slug, sp =>
        sp.GetRequiredService<AppDbContext>().SmsOutbox.Where(m => m.Phone == phone).OrderBy(m => m.CreatedAt).Select(m => m.Text).ToListAsync());
}
