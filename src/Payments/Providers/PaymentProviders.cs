using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>
/// Makes the school's payment provider from its settings, once per school and kind in a scope: a job going through
/// a school's payments reads and decrypts the settings (and parses the keys) once, not per payment. WeChat Pay runs
/// under the platform's service-provider account with the school's sub-merchant number.
/// </summary>
public sealed class PaymentProviders(ITenantSettings settings, IPlatformSettings platform, TenantContext tenant, IOptions<SandboxOptions> sandbox, IHttpClientFactory http, TimeProvider clock)
{
    private readonly Dictionary<Guid, PaymentSettings> read = [];
    private WeChatPlatformSettings? wechat;
    private readonly Dictionary<(Guid School, PaymentProviderKind Kind), IPaymentProvider> made = [];

    /// <summary>The provider the school uses now.</summary>
    public async Task<IPaymentProvider> CurrentAsync(CancellationToken cancellationToken = default) =>
        await ForAsync((await SettingsAsync(cancellationToken)).Provider, cancellationToken);

    /// <summary>The provider of a kind with the school's settings (a payment stays with the provider that took it).</summary>
    public async Task<IPaymentProvider> ForAsync(PaymentProviderKind kind, CancellationToken cancellationToken = default)
    {
        var school = tenant.RequiredSchool.Id;
        if (!made.TryGetValue((school, kind), out var provider))
        {
            var config = await SettingsAsync(cancellationToken);
            provider = made[(school, kind)] = kind switch
            {
                PaymentProviderKind.WeChatPay => new WeChatPayProvider(wechat ??= await platform.GetAsync<WeChatPlatformSettings>(cancellationToken), config.WeChatSubMchId, http.CreateClient("payments"), clock),
                PaymentProviderKind.Stripe => new StripeProvider(config, http.CreateClient("payments"), clock),
                _ => new SandboxProvider(school, sandbox.Value.Secret),
            };
        }

        return provider;
    }

    /// <summary>The provider kind of a stored payment.</summary>
    public static PaymentProviderKind KindOf(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return Enum.TryParse<PaymentProviderKind>(payment.Provider, ignoreCase: true, out var kind) ? kind : PaymentProviderKind.Sandbox;
    }

    /// <summary>The name stored on a payment.</summary>
    public static string NameOf(PaymentProviderKind kind) => kind.ToString().ToLowerInvariant();

    private async Task<PaymentSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var school = tenant.RequiredSchool.Id;
        if (!read.TryGetValue(school, out var config))
        {
            config = read[school] = await settings.GetAsync<PaymentSettings>(cancellationToken);
        }

        return config;
    }
}
