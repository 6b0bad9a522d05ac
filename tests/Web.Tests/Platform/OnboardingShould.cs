using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Platform;

/// <summary>
/// The operator onboards a school through the pages (bad input named field by field, nothing created), its first
/// admin sets up an account through the one-time link, sets a campaign and a roster, and a student of the new school
/// takes a photo there; the school's logo is on its pages. School staff never reach the operator's school pages.
/// </summary>
public sealed class OnboardingShould(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private const string Slug = "xibei";
    private const string Code = "100003";
    private const string AdminEmail = "admin@xibei.edu.cn";
    private const string AdminPassword = "Xibei-2026-pass";

    [Fact]
    public async Task OnboardASchoolThroughThePagesAndCollectAPhotoThere()
    {
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var (_, form) = await Html.GetAsync(op, "/staff/platform/schools/new");

        // Bad input: each field's problem under it, what was typed kept, nothing created.
        var bad = await Html.ParseAsync(await Html.UploadAsync(op, form, "form", "Logo", "logo.gif", Encoding.ASCII.GetBytes("GIF89a-not-a-png"), "image/gif", values: new Dictionary<string, string?>
        {
            ["Form.Slug"] = "Bad Slug",
            ["Form.DisplayName"] = "西",
            ["Form.SchoolCode"] = DemoSeeder.Schools[0].Code,
            ["Form.HostNames"] = "not a host!",
            ["Form.PrimaryColor"] = "red",
            ["Form.AdminEmail"] = "nobody",
            ["Form.AdminPhone"] = "12345",
        }));
        Assert.Equal(
            ["Onboard.Error.Slug", "Onboard.Error.Name", "Onboard.Error.CodeTaken", "Onboard.Error.Hosts", "Onboard.Error.Color", "Onboard.Error.LogoType", "Onboard.Error.Email", "Onboard.Error.Phone"],
            bad.QuerySelectorAll(".field-error").Select(e => e.GetAttribute("data-error")));
        Assert.Equal("Bad Slug", bad.QuerySelector("#Slug")?.GetAttribute("value"));
        Assert.Equal(2, await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Schools.CountAsync()));

        // The school, with its logo; the admin's link shown once and sent by SMS.
        var created = await Html.ParseAsync(await Html.UploadAsync(op, form, "form", "Logo", "logo.png", Png, "image/png", values: new Dictionary<string, string?>
        {
            ["Form.Slug"] = Slug,
            ["Form.DisplayName"] = "西北示范大学",
            ["Form.ShortName"] = "西北示范",
            ["Form.SchoolCode"] = Code,
            ["Form.HostNames"] = "photo.xibei.edu.cn",
            ["Form.PrimaryColor"] = "#B91C1C",
            ["Form.SupportPhone"] = "029-88888888",
            ["Form.SupportHours"] = "工作日 9:00–17:00",
            ["Form.CaptureMode"] = "Online",
            ["Form.AdminEmail"] = AdminEmail,
            ["Form.AdminPhone"] = "13800138000",
        }));
        Assert.True(created.QuerySelector("[data-test=school-created]") is not null, created.Text("main"));
        var link = created.Text("[data-test=invite-link]")!;
        Assert.Contains($"/s/{Slug}/staff/invite?token=inv_", link, StringComparison.Ordinal);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var (sms, invite, school) = await app.InSchoolAsync(Slug, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.SmsOutbox.SingleAsync(), await db.StaffInvites.SingleAsync(), await db.Schools.SingleAsync(s => s.Slug == Slug));
        });
        Assert.Equal("13800138000", sms.Phone);
        Assert.Contains(link, sms.Text, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), invite.TokenHash);  // only the hash is kept
        Assert.Equal(["photo.xibei.edu.cn"], school.HostNames);
        Assert.Equal(("#b91c1c", "西北示范"), (school.Branding.PrimaryColor, school.Branding.ShortName));

        // Its pages show its name and logo.
        using var anyone = app.CreateClient();
        var (_, home) = await Html.GetAsync(anyone, $"/s/{Slug}/");
        var logoSrc = home.QuerySelector("header img.logo")?.GetAttribute("src");
        Assert.StartsWith($"/s/{Slug}/logo?v=", logoSrc, StringComparison.Ordinal);
        var logo = await anyone.GetAsync(logoSrc);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/s/beifang/logo")).StatusCode);

        // The admin sets up the account: a weak password and a mismatch are named; then it works, once.
        var admin = app.Browser();
        var path = new Uri(link).PathAndQuery;
        var (_, invitePage) = await Html.GetAsync(admin, path);
        Assert.Equal(AdminEmail, invitePage.QuerySelector("#Email")?.GetAttribute("value"));
        var weak = await Html.ParseAsync(await Html.SubmitAsync(admin, invitePage, "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "王老师", ["Password"] = "short", ["Confirm"] = "short" }));
        Assert.Contains("Identity.PasswordTooShort", weak.QuerySelectorAll("[data-test=invite-errors] li").Select(li => li.GetAttribute("data-error")));
        var mismatch = await Html.ParseAsync(await Html.SubmitAsync(admin, invitePage, "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "王老师", ["Password"] = AdminPassword, ["Confirm"] = AdminPassword + "x" }));
        Assert.Equal(["Invite.Error.Confirm"], mismatch.QuerySelectorAll("[data-test=invite-errors] li").Select(li => li.GetAttribute("data-error")));
        var done = await Html.ParseAsync(await Html.SubmitAsync(admin, invitePage, "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "王老师", ["Password"] = AdminPassword, ["Confirm"] = AdminPassword }));
        Assert.True(done.QuerySelector("[data-test=invite-done]") is not null, done.Text("main"));
        var (_, again) = await Html.GetAsync(admin, path);
        Assert.Equal("Used", again.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state"));
        var reused = await Html.ParseAsync(await Html.SubmitAsync(admin, invitePage, "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "冒名者", ["Password"] = "Other-2026-pass", ["Confirm"] = "Other-2026-pass" }));
        Assert.Equal("Used", reused.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state"));

        // The admin signs in, opens a campaign and imports a roster.
        Assert.Equal(HttpStatusCode.Redirect, (await Sessions.StaffSignInAsync(admin, Slug, AdminEmail, AdminPassword)).StatusCode);
        var (_, campaignPage) = await Html.GetAsync(admin, $"/s/{Slug}/staff/campaign");
        var now = DateTime.UtcNow.AddHours(8);
        var campaign = await Html.ParseAsync(await Html.SubmitAsync(admin, campaignPage, "[data-test=save-campaign]", new Dictionary<string, string?>
        {
            ["Input.Name"] = "2027届毕业生图像采集",
            ["Input.FeatureCode"] = "xb2027",
            ["Input.StartsAt"] = now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.EndsAt"] = now.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            ["Input.Price"] = "25",
            ["Input.Verification"] = "FeatureCode",
        }));
        Assert.True(campaign.QuerySelector("[data-test=campaign-saved]") is not null, campaign.Text("main"));
        var (_, rosterPage) = await Html.GetAsync(admin, $"/s/{Slug}/staff/roster");
        const string Student = "2026100001";
        var lastFour = DemoSeeder.DemoIdLastFour(Code, Student);
        var roster = await Html.ParseAsync(await Html.UploadAsync(admin, rosterPage, "form[enctype='multipart/form-data']", "Upload", "roster.csv",
            Encoding.UTF8.GetBytes($"学号,姓名,身份证后四位,层次,学院,专业\n{Student},赵雷,{lastFour},本科,计算机学院,软件工程\n"), "text/csv"));
        Assert.True(roster.QuerySelector("[data-test=roster-imported]") is not null, roster.Text("main"));

        // A student of the new school: code, verification, standards, a photo that passes, an order.
        var browser = await app.StudentAsync(Slug, AppFactory.NewPhone());
        var code = await app.InSchoolAsync(Slug, sp => Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(Code, Student)));
        var (_, collect) = await Html.GetAsync(browser, $"/s/{Slug}/collect");
        await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "code.png", Codes.Screenshot(code), "image/png");
        var (_, verify) = await Html.GetAsync(browser, $"/s/{Slug}/collect/verify");
        var verified = await Html.SubmitAsync(browser, verify, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = "xb2027" });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var (_, standards) = await Html.GetAsync(browser, $"/s/{Slug}/collect/standards");
        await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        var (_, capture) = await Html.GetAsync(browser, $"/s/{Slug}/collect/capture");
        var uploaded = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "photo.jpg", Faces.GoodPhoto());
        var (_, result) = await Html.GetAsync(browser, uploaded.Headers.Location!.OriginalString);
        Assert.True(result.QuerySelector("[data-test=check-passed]") is not null, result.Text("main"));
        var submitted = await Html.SubmitAsync(browser, result, "[data-test=submit-photo]", new Dictionary<string, string?> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var order = await app.InSchoolAsync(Slug, sp => sp.GetRequiredService<AppDbContext>().Orders.SingleAsync());
        Assert.Equal((OrderStatus.PendingPayment, 2500L), (order.Status, order.PriceFen));
        Assert.StartsWith(Code, order.Number, StringComparison.Ordinal);

        // On the trail: the operator's onboarding and invite, the admin's acceptance.
        var trail = await app.InSchoolAsync(Slug, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .Where(e => e.Action == AuditActions.SchoolCreated || e.Action == AuditActions.InviteIssued || e.Action == AuditActions.InviteAccepted)
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.Who, e.TenantId }).ToListAsync());
        Assert.Equal(
            [(AuditActions.SchoolCreated, DemoSeeder.OperatorEmail, (Guid?)null), (AuditActions.InviteIssued, DemoSeeder.OperatorEmail, null), (AuditActions.InviteAccepted, AdminEmail, school.Id)],
            trail.Select(e => (e.Action, e.Who, e.TenantId)));
    }

    [Fact]
    public async Task ChangeASchoolsDetailsAndAdaptersWithSecretsKeptAndMasked()
    {
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var nanhu = await app.SchoolAsync(AppFactory.B);
        var url = $"/staff/platform/schools/{nanhu.Id}";
        var (_, page) = await Html.GetAsync(op, url);

        // A host another school has is refused; the name, colour and a new logo are saved.
        var taken = await Html.ParseAsync(await Html.UploadAsync(op, page, "form[data-test=details]", "Logo", "logo.png", Png, "image/png",
            values: new Dictionary<string, string?> { ["Form.HostNames"] = "photos.beifang.edu.localhost" }));
        Assert.Equal(["Onboard.Error.HostsTaken"], taken.QuerySelectorAll(".field-error").Select(e => e.GetAttribute("data-error")));
        var saved = await Html.ParseAsync(await Html.UploadAsync(op, page, "form[data-test=details]", "Logo", "logo.png", Png, "image/png",
            values: new Dictionary<string, string?> { ["Form.DisplayName"] = "南湖师范大学", ["Form.PrimaryColor"] = "#0f766e" }));
        Assert.NotNull(saved.QuerySelector("[data-test=school-saved]"));
        var school = await app.SchoolAsync(AppFactory.B);
        Assert.Equal(("南湖师范大学", "#0f766e", nanhu.SchoolCode, nanhu.Slug), (school.DisplayName, school.Branding.PrimaryColor, school.SchoolCode, school.Slug));
        Assert.StartsWith("/logo?v=", school.Branding.LogoUrl, StringComparison.Ordinal);
        Assert.NotNull(saved.QuerySelector("[data-test=logo-preview]"));

        // Tencent Cloud SMS without its keys: each missing part named, nothing saved.
        var missing = await Html.ParseAsync(await Html.SubmitAsync(op, saved, "[data-test=save-adapters]", new Dictionary<string, string?> { ["Adapters.SmsProvider"] = "TencentCloud" }));
        Assert.Equal(["Adapters.Error.SignName", "Adapters.Error.AccessKeyId", "Adapters.Error.SdkAppId", "Adapters.Error.LoginCodeTemplateId", "Adapters.Error.AccessKeySecret"],
            missing.QuerySelectorAll(".field-error").Select(e => e.GetAttribute("data-error")));
        Assert.Equal(Photocollect.Sms.SmsProvider.DevOutbox, (await SmsAsync()).Provider);
        var good = new Dictionary<string, string?>
        {
            ["Adapters.SmsProvider"] = "TencentCloud",
            ["Adapters.AccessKeyId"] = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            ["Adapters.AccessKeySecret"] = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            ["Adapters.SignName"] = "南湖师院",
            ["Adapters.SdkAppId"] = "1400006666",
            ["Adapters.LoginCodeTemplateId"] = "449739",
        };
        // WeChat Pay before the platform's service-provider account exists: refused, under the payment provider.
        var noPlatform = await Html.ParseAsync(await Html.SubmitAsync(op, missing, "[data-test=save-adapters]",
            new Dictionary<string, string?>(good) { ["Adapters.PaymentProvider"] = "WeChatPay", ["Adapters.WeChatSubMchId"] = "1900000110" }));
        Assert.Equal(["PaymentSettings.Error.WeChatPlatform"], noPlatform.QuerySelectorAll(".field-error").Select(e => e.GetAttribute("data-error")));
        var adapters = await Html.ParseAsync(await Html.SubmitAsync(op, missing, "[data-test=save-adapters]", good));
        Assert.NotNull(adapters.QuerySelector("[data-test=school-saved]"));
        Assert.Equal("已设置：••••MPLE", adapters.Text("[data-test=secret-sms]"));
        Assert.DoesNotContain("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", adapters.Source.Text, StringComparison.Ordinal);

        // Saved again with the secret empty: the secret stays.
        await Html.SubmitAsync(op, adapters, "[data-test=save-adapters]", new Dictionary<string, string?> { ["Adapters.SignName"] = "南湖师大" });
        var sms = await SmsAsync();
        Assert.Equal((Photocollect.Sms.SmsProvider.TencentCloud, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "南湖师大"), (sms.Provider, sms.AccessKeySecret, sms.SignName));
        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .CountAsync(e => (e.Action == AuditActions.SchoolAdapters || e.Action == AuditActions.SchoolChanged) && e.Subject == "nanhu"));
        Assert.Equal(3, trail);

        // Put the demo school back as the other tests of this class expect it.
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<Photocollect.Tenancy.Settings.ITenantSettings>().SaveAsync(new Photocollect.Sms.SmsSettings()));
    }

    private Task<Photocollect.Sms.SmsSettings> SmsAsync() =>
        app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<Photocollect.Tenancy.Settings.ITenantSettings>().GetAsync<Photocollect.Sms.SmsSettings>());

    [Fact]
    public async Task KeepSchoolStaffAndStrangersOutOfTheOperatorsSchoolPages()
    {
        var admin = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "admin"));
        var beifang = await app.SchoolAsync(AppFactory.A);
        foreach (var url in new[] { "/staff/platform/schools/new", $"/staff/platform/schools/{beifang.Id}", "/staff/platform/payments", "/s/beifang/staff/platform/schools/new" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        }

        using var anyone = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.NotEqual(HttpStatusCode.OK, (await anyone.GetAsync("/staff/platform/schools/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/staff/invite?token=inv_x")).StatusCode);  // only on a school's address
        var (_, unknown) = await Html.GetAsync(anyone, "/s/beifang/staff/invite?token=inv_nothing-here");
        Assert.Equal("Unknown", unknown.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state"));
    }
}
