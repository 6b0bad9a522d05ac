using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Tenancy;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The operator's console: every school with its figures, the count of people whose face images are stored (equal
/// to the database's), suspending a school (its pages then say so, its data stays) and resuming it, both audited;
/// no school staff gets in.
/// </summary>
public sealed class PlatformConsoleShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task CountTheFacesAndSuspendAndResumeASchool()
    {
        await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);

        var (response, page) = await Html.GetAsync(op, "/staff/platform");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}");
        var faces = int.Parse(page.QuerySelector("[data-test=faces]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
        var counted = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM "StudentRecords" r
            WHERE EXISTS (SELECT 1 FROM "Photos" p JOIN "PhotoFiles" f ON f."PhotoId" = p."Id"
                          WHERE p."RecordId" = r."Id" AND (f."Source" IS NOT NULL OR f."SourceInStore" OR f."Standard" IS NOT NULL))
               OR EXISTS (SELECT 1 FROM "AdmissionPhotos" a WHERE a."RecordId" = r."Id")
            """).SingleAsync());
        Assert.True(counted >= 1);
        Assert.Equal(counted, faces);
        Assert.Equal(2, page.QuerySelectorAll("[data-test=platform-school]").Length);

        // Suspend nanhu: its pages say so, its data stays; resume it.
        var suspended = await Html.SubmitAsync(op, page, "[data-test=platform-school][data-slug=nanhu] [data-test=suspend]");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        using var anyone = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anyone.GetAsync("/s/nanhu/")).StatusCode);
        var (_, after) = await Html.GetAsync(op, "/staff/platform");
        Assert.Equal("Suspended", after.QuerySelector("[data-test=platform-school][data-slug=nanhu]")?.GetAttribute("data-status"));
        await Html.SubmitAsync(op, after, "[data-test=platform-school][data-slug=nanhu] [data-test=resume]");
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/s/nanhu/")).StatusCode);
        Assert.True(await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Orders.AnyAsync()));

        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .Where(e => e.Action == AuditActions.SchoolSuspended || e.Action == AuditActions.SchoolResumed).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([(AuditActions.SchoolSuspended, "nanhu"), (AuditActions.SchoolResumed, "nanhu")], trail.Select(e => (e.Action, e.Subject)));
        Assert.All(trail, e => Assert.Equal((null, DemoSeeder.OperatorEmail), (e.TenantId, e.Who)));
    }

    [Fact]
    public async Task ShowEachSchoolsFiguresTheDaysJobsAndProviderErrorsAsTheDatabaseHasThem()
    {
        // At nanhu: an order waiting for review for 50 hours, paid 30 yuan, 10 refunded and 5 being refunded; a
        // provider's error. On the platform: a round of the payments job, then a reconciliation that failed.
        var (late, _) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingReview));
        await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = app.Clock.GetUtcNow();
            await db.Orders.Where(o => o.Id == late.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.UpdatedAt, now.AddHours(-50)));
            var payment = new Payment { Id = Guid.NewGuid(), OrderId = late.Id, Provider = "wechatpay", AmountFen = 3000, State = PaymentStates.Succeeded, CreatedAt = now, PaidAt = now };
            db.Payments.Add(payment);
            db.Refunds.Add(new Refund { Id = Guid.NewGuid(), PaymentId = payment.Id, OrderId = late.Id, AmountFen = 1000, Reason = "测试", RequestedBy = "admin", State = RefundState.Succeeded, CreatedAt = now });
            db.Refunds.Add(new Refund { Id = Guid.NewGuid(), PaymentId = payment.Id, OrderId = late.Id, AmountFen = 500, Reason = "测试", RequestedBy = "admin", State = RefundState.Processing, CreatedAt = now });
            await db.SaveChangesAsync();
            await sp.GetRequiredService<JobLog>().RecordProviderErrorAsync("wechatpay", ProviderOperations.QueryPayment, payment.Id.ToString(), "timed out");
        });
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IPaymentsJobGrain>(PaymentsJobGrain.Key).RunAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            using var _ = scope.ServiceProvider.GetRequiredService<TenantContext>().EnterPlatform();
            await scope.ServiceProvider.GetRequiredService<JobLog>().RecordRunAsync(PaymentsJobGrain.Reconcile, app.Clock.GetUtcNow(), new InvalidOperationException("provider down"));
        }

        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var (response, page) = await Html.GetAsync(op, "/staff/platform");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}");
        var now = app.Clock.GetUtcNow();

        // Each school's line against SQL of the test's own.
        foreach (var slug in new[] { AppFactory.A, AppFactory.B })
        {
            var school = await app.SchoolAsync(slug);
            var row = page.QuerySelector($"[data-test=platform-school][data-slug={slug}]")!;
            int Shown(string name) => int.Parse(row.GetAttribute("data-" + name)!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(await CountAsync("""SELECT count(*) FROM "Campaigns" WHERE "TenantId" = @t AND "StartsAt" <= @now AND "EndsAt" > @now""", school.Id, now), Shown("campaigns"));
            Assert.Equal(await CountAsync("""SELECT count(*) FROM "StudentRecords" WHERE "TenantId" = @t""", school.Id, now), Shown("students"));
            Assert.Equal(await CountAsync("""SELECT count(*) FROM "Orders" WHERE "TenantId" = @t AND "Status" = 'PendingReview'""", school.Id, now), Shown("pending-review"));
            Assert.Equal(await CountAsync("""SELECT count(*) FROM "Orders" WHERE "TenantId" = @t AND "Status" = 'PendingReview' AND "UpdatedAt" < @now - interval '48 hours'""", school.Id, now), Shown("late-reviews"));
            Assert.Equal(await CountAsync("""SELECT count(*) FROM "ProviderErrors" WHERE "TenantId" = @t AND "At" >= @now - interval '24 hours'""", school.Id, now), Shown("provider-errors"));
            var received = await CountAsync("""SELECT coalesce(sum("AmountFen"), 0) FROM "Payments" WHERE "TenantId" = @t AND "State" IN ('succeeded', 'refund_due')""", school.Id, now);
            var refunded = await CountAsync("""SELECT coalesce(sum("AmountFen"), 0) FROM "Refunds" WHERE "TenantId" = @t AND "State" = 'Succeeded'""", school.Id, now);
            var refunding = await CountAsync("""SELECT coalesce(sum("AmountFen"), 0) FROM "Refunds" WHERE "TenantId" = @t AND "State" IN ('Pending', 'Processing')""", school.Id, now);
            Assert.Equal(received == 0 && refunded == 0 && refunding == 0 ? "" : $"CNY:{received}", row.GetAttribute("data-received"));
            Assert.Equal(received == 0 && refunded == 0 && refunding == 0 ? "" : $"CNY:{refunded}", row.GetAttribute("data-refunded"));
            Assert.Equal(received == 0 && refunded == 0 && refunding == 0 ? "" : $"CNY:{refunding}", row.GetAttribute("data-refunding"));
        }

        var nanhu = page.QuerySelector($"[data-test=platform-school][data-slug={AppFactory.B}]")!;
        Assert.Equal("CNY:3000", nanhu.GetAttribute("data-received"));
        Assert.Equal("CNY:1000", nanhu.GetAttribute("data-refunded"));
        Assert.Equal("CNY:500", nanhu.GetAttribute("data-refunding"));
        Assert.True(int.Parse(nanhu.GetAttribute("data-late-reviews")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(int.Parse(nanhu.GetAttribute("data-campaigns")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The 30 days, counted here from the rows' times in China's days.
        var china = TimeSpan.FromHours(8);
        var today = DateOnly.FromDateTime(now.ToOffset(china).Date);
        var (verified, created) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.StudentRecords.IgnoreQueryFilters().Select(r => r.VerifiedAt).ToListAsync(),
                await db.Orders.IgnoreQueryFilters().Where(o => o.Kind != OrderKind.Reprint).Select(o => o.CreatedAt).ToListAsync());
        });
        var days = page.QuerySelectorAll("[data-test=platform-day]");
        Assert.Equal(30, days.Length);
        foreach (var day in days)
        {
            var date = DateOnly.ParseExact(day.GetAttribute("data-day")!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(date, today.AddDays(-29), today);
            Assert.Equal(verified.Count(t => DateOnly.FromDateTime(t.ToOffset(china).Date) == date).ToString(System.Globalization.CultureInfo.InvariantCulture), day.GetAttribute("data-students"));
            Assert.Equal(created.Count(t => DateOnly.FromDateTime(t.ToOffset(china).Date) == date).ToString(System.Globalization.CultureInfo.InvariantCulture), day.GetAttribute("data-orders"));
        }

        Assert.NotEqual("0", page.QuerySelector($"[data-test=platform-day][data-day='{today:yyyy-MM-dd}']")?.GetAttribute("data-orders"));
        Assert.NotNull(page.QuerySelector("[data-test=platform-trend] svg.chart"));

        // The jobs: one round ran through; the reconciliation's last run failed.
        var jobs = page.QuerySelectorAll("[data-test=platform-job]").ToDictionary(j => j.GetAttribute("data-job")!);
        Assert.Equal(PaymentsJobGrain.Steps.ToList(), jobs.Keys.ToList());
        Assert.Equal("True", jobs[PaymentsJobGrain.Reconcile].GetAttribute("data-failing"));
        Assert.Equal("False", jobs[PaymentsJobGrain.CloseUnpaid].GetAttribute("data-failing"));
        Assert.Equal("1", page.QuerySelector("[data-test=kpi-failing-jobs]")?.GetAttribute("data-count"));
        var runs = await CountAsync("""SELECT count(*) FROM "JobRuns" WHERE "Job" = 'payments.reconcile' AND "StartedAt" >= @now - interval '24 hours' AND @t = @t""", Guid.Empty, now);
        Assert.Equal(runs.ToString(System.Globalization.CultureInfo.InvariantCulture), jobs[PaymentsJobGrain.Reconcile].GetAttribute("data-runs"));
        Assert.Equal("1", jobs[PaymentsJobGrain.Reconcile].GetAttribute("data-failures"));
        Assert.Contains(page.QuerySelectorAll("[data-test=platform-provider-error]"), e => e.GetAttribute("data-provider") == "wechatpay");
    }

    [Fact]
    public async Task KeepSchoolStaffOut()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));

        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/staff/platform")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/s/beifang/staff/platform")).StatusCode);
    }

#pragma warning disable EF1002 // the SQL is this class's own text; the values are parameters
    private Task<long> CountAsync(string sql, Guid tenant, DateTimeOffset now) => app.InSchoolAsync(AppFactory.A, sp =>
        sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<long>($"SELECT ({sql})::bigint AS \"Value\"",
            new Npgsql.NpgsqlParameter("t", tenant), new Npgsql.NpgsqlParameter("now", now)).SingleAsync());
#pragma warning restore EF1002
}
