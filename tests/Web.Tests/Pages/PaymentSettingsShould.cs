using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Tenancy.Settings;
using Photocollect.Payments;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The school admin's payment settings (收款设置): checked before saving, secrets never shown back.</summary>
public sealed class PaymentSettingsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Page = "/s/nanhu/staff/payment-settings";

    [Fact]
    public async Task SaveWeChatPayOnlyWhenItIsUsableAndNeverShowASecretBack()
    {
        var admin = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));
        var (_, page) = await Html.GetAsync(admin, Page);
        using var merchant = RSA.Create(2048);
        using var platform = RSA.Create(2048);
        var privateKey = merchant.ExportPkcs8PrivateKeyPem();
        const string ApiV3Key = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6";
        var good = new Dictionary<string, string?>
        {
            ["Input.Provider"] = "WeChatPay",
            ["Input.WeChatSpMchId"] = "1900000001",
            ["Input.WeChatSpAppId"] = "wx8888888888888888",
            ["Input.WeChatSubMchId"] = "1900000110",
            ["Input.WeChatMerchantSerialNo"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            ["Input.WeChatMerchantPrivateKey"] = privateKey,
            ["Input.WeChatApiV3Key"] = ApiV3Key,
            ["Input.WeChatPublicKeyId"] = "PUB_KEY_ID_0114232134912410000000000000",
            ["Input.WeChatPublicKey"] = platform.ExportSubjectPublicKeyInfoPem(),
        };

        // Each missing or unreadable part is named, and nothing is saved: the school stays on the Sandbox.
        var bad = new Dictionary<string, string?>(good)
        {
            ["Input.WeChatSubMchId"] = "abc",
            ["Input.WeChatMerchantPrivateKey"] = "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----",
            ["Input.WeChatApiV3Key"] = "short",
            ["Input.WeChatPublicKey"] = "",
        };
        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-payment-settings]", bad));
        Assert.Equal(
            ["PaymentSettings.Error.WeChatSubMchId", "PaymentSettings.Error.WeChatMerchantPrivateKey", "PaymentSettings.Error.WeChatApiV3Key", "PaymentSettings.Error.WeChatPublicKey", "PaymentSettings.Error.WeChatVerifier"],
            refused.QuerySelectorAll("[data-test=payment-settings-errors] li").Select(li => li.GetAttribute("data-error")));
        Assert.DoesNotContain("not a key", refused.Source.Text, StringComparison.Ordinal);
        Assert.Equal(PaymentProviderKind.Sandbox, (await StoredAsync()).Provider);

        // Saved when usable; the page shows only the last four characters of each secret.
        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=save-payment-settings]", good));
        Assert.NotNull(saved.QuerySelector("[data-test=payment-settings-saved]"));
        var (_, again) = await Html.GetAsync(admin, Page);
        Assert.Equal("已设置：••••" + ApiV3Key[^4..], again.Text("[data-test=secret-WeChatApiV3Key]"));
        Assert.DoesNotContain(ApiV3Key, again.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey.Split('\n')[1], again.Source.Text, StringComparison.Ordinal);

        // Saving again with the secret fields empty keeps the secrets; a base URL sent by the form is ignored.
        await Html.SubmitAsync(admin, again, "[data-test=save-payment-settings]", new Dictionary<string, string?> { ["Input.WeChatBaseUrl"] = "http://169.254.169.254" });
        var stored = await StoredAsync();
        Assert.Equal((PaymentProviderKind.WeChatPay, ApiV3Key, privateKey.Trim(), "https://api.mch.weixin.qq.com"), (stored.Provider, stored.WeChatApiV3Key, stored.WeChatMerchantPrivateKey, stored.WeChatBaseUrl));

        // Stripe needs both of its secrets in their shapes.
        var stripe = await Html.ParseAsync(await Html.SubmitAsync(admin, again, "[data-test=save-payment-settings]",
            new Dictionary<string, string?> { ["Input.Provider"] = "Stripe", ["Input.StripeSecretKey"] = "pk_test_123456789", ["Input.StripeWebhookSecret"] = "whsec_0123456789" }));
        Assert.Equal(["PaymentSettings.Error.StripeSecretKey"], stripe.QuerySelectorAll("[data-test=payment-settings-errors] li").Select(li => li.GetAttribute("data-error")));
        Assert.Equal(PaymentProviderKind.WeChatPay, (await StoredAsync()).Provider);
    }

    [Fact]
    public async Task BeForSchoolAdminsOnly()
    {
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
    }

    private Task<PaymentSettings> StoredAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<PaymentSettings>());
}
