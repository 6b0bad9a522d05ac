using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Tenancy.Settings;
using Photocollect.Payments;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// Payment settings: the operator holds the platform's WeChat Pay service-provider account once (checked before
/// saving, secrets never shown back); a school admin's 收款设置 asks only the school's sub-merchant number, and WeChat
/// Pay cannot be chosen before the platform's account is usable.
/// </summary>
public sealed class PaymentSettingsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/nanhu/staff/payment-settings";
    private const string PlatformPage = "/staff/platform/payments";

    [Fact]
    public async Task KeepThePlatformsKeysWithTheOperatorAndAskTheSchoolOnlyForItsSubMerchant()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        Assert.Null(page.QuerySelector("[name='Input.WeChatSpMchId']"));
        Assert.Null(page.QuerySelector("[name='Input.WeChatApiV3Key']"));
        Assert.Equal("False", page.QuerySelector("[data-test=wechat-platform]")?.GetAttribute("data-ready"));

        // Before the operator sets the platform up, a school cannot switch to WeChat Pay.
        var early = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-payment-settings]",
            new Dictionary<string, string?> { ["Input.Provider"] = "WeChatPay", ["Input.WeChatSubMchId"] = "1900000110" }));
        Assert.Equal(["PaymentSettings.Error.WeChatPlatform"], Errors(early, "payment-settings-errors"));
        Assert.Equal(PaymentProviderKind.Sandbox, (await StoredAsync()).Provider);

        // The operator's page: each missing or unreadable part named, nothing saved.
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var (_, platformPage) = await Html.GetAsync(op, PlatformPage);
        using var merchant = RSA.Create(2048);
        using var platform = RSA.Create(2048);
        var privateKey = merchant.ExportPkcs8PrivateKeyPem();
        const string ApiV3Key = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6";
        var good = new Dictionary<string, string?>
        {
            ["Input.SpMchId"] = "1900000001",
            ["Input.SpAppId"] = "wx8888888888888888",
            ["Input.MerchantSerialNo"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            ["Input.MerchantPrivateKey"] = privateKey,
            ["Input.ApiV3Key"] = ApiV3Key,
            ["Input.PublicKeyId"] = "PUB_KEY_ID_0114232134912410000000000000",
            ["Input.PublicKey"] = platform.ExportSubjectPublicKeyInfoPem(),
        };
        var bad = new Dictionary<string, string?>(good)
        {
            ["Input.SpMchId"] = "abc",
            ["Input.MerchantPrivateKey"] = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----",
            ["Input.ApiV3Key"] = "short",
            ["Input.PublicKey"] = "",
        };
        var refused = await Html.ParseAsync(await Html.SubmitAsync(op, platformPage, "[data-test=save-platform-payments]", bad));
        Assert.Equal(
            ["PaymentSettings.Error.WeChatSpMchId", "PaymentSettings.Error.WeChatMerchantPrivateKey", "PaymentSettings.Error.WeChatApiV3Key", "PaymentSettings.Error.WeChatPublicKey", "PaymentSettings.Error.WeChatVerifier"],
            Errors(refused, "platform-payments-errors"));
        Assert.DoesNotContain("not a key", refused.Source.Text, StringComparison.Ordinal);
        Assert.Null((await PlatformStoredAsync()).SpMchId);

        // Saved when usable; only the last four characters of each secret are shown; empty secret fields keep them and
        // a base URL sent by the form is ignored.
        var saved = await Html.ParseAsync(await Html.SubmitAsync(op, platformPage, "[data-test=save-platform-payments]", good));
        Assert.NotNull(saved.QuerySelector("[data-test=platform-payments-saved]"));
        var (_, again) = await Html.GetAsync(op, PlatformPage);
        Assert.Equal("已设置：••••" + ApiV3Key[^4..], again.Text("[data-test=secret-ApiV3Key]"));
        Assert.DoesNotContain(ApiV3Key, again.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey.Split('\n')[1], again.Source.Text, StringComparison.Ordinal);
        await Html.SubmitAsync(op, again, "[data-test=save-platform-payments]", new Dictionary<string, string?> { ["Input.BaseUrl"] = "http://169.254.169.254" });
        var stored = await PlatformStoredAsync();
        Assert.Equal((ApiV3Key, privateKey.Trim(), "https://api.mch.weixin.qq.com", "1900000001"), (stored.ApiV3Key, stored.MerchantPrivateKey, stored.BaseUrl, stored.SpMchId));
        var trail = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().AuditEvents.IgnoreQueryFilters()
            .CountAsync(e => e.Action == AuditActions.PlatformPaymentSettings && e.TenantId == null));
        Assert.Equal(2, trail);

        // Now the school: a bad sub-merchant number is named; a good one switches it to WeChat Pay.
        (_, page) = await Html.GetAsync(admin, Page);
        Assert.Equal("True", page.QuerySelector("[data-test=wechat-platform]")?.GetAttribute("data-ready"));
        var badSub = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-payment-settings]",
            new Dictionary<string, string?> { ["Input.Provider"] = "WeChatPay", ["Input.WeChatSubMchId"] = "abc" }));
        Assert.Equal(["PaymentSettings.Error.WeChatSubMchId"], Errors(badSub, "payment-settings-errors"));
        var ok = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-payment-settings]",
            new Dictionary<string, string?> { ["Input.Provider"] = "WeChatPay", ["Input.WeChatSubMchId"] = "1900000110" }));
        Assert.NotNull(ok.QuerySelector("[data-test=payment-settings-saved]"));
        Assert.Equal((PaymentProviderKind.WeChatPay, "1900000110"), ((await StoredAsync()).Provider, (await StoredAsync()).WeChatSubMchId));

        // Stripe needs both of its secrets in their shapes.
        var stripe = await Html.ParseAsync(await Html.SubmitAsync(admin, ok, "[data-test=save-payment-settings]",
            new Dictionary<string, string?> { ["Input.Provider"] = "Stripe", ["Input.StripeSecretKey"] = "pk_test_123456789", ["Input.StripeWebhookSecret"] = "whsec_0123456789" }));
        Assert.Equal(["PaymentSettings.Error.StripeSecretKey"], Errors(stripe, "payment-settings-errors"));
        Assert.Equal(PaymentProviderKind.WeChatPay, (await StoredAsync()).Provider);
    }

    [Fact]
    public async Task BeForSchoolAdminsOnlyAndThePlatformsForTheOperatorOnly()
    {
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync(PlatformPage)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await admin.GetAsync("/s/nanhu" + PlatformPage)).StatusCode);
    }

    private static IEnumerable<string?> Errors(AngleSharp.Html.Dom.IHtmlDocument page, string test) =>
        page.QuerySelectorAll($"[data-test={test}] li").Select(li => li.GetAttribute("data-error"));

    private Task<PaymentSettings> StoredAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<PaymentSettings>());

    private Task<WeChatPlatformSettings> PlatformStoredAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<IPlatformSettings>().GetAsync<WeChatPlatformSettings>());
}
