
namespace Photocollect.Payments;

/// <summary>Which payment provider a school uses.</summary>
public enum PaymentProviderKind
{
    /// <summary>A local pay page with the same asynchronous notification path as the real ones (demo, tests).</summary>
    Sandbox = 0,

    /// <summary>WeChat Pay API v3, service-provider mode (服务商): the platform's merchant plus the school's sub-merchant.</summary>
    WeChatPay = 1,

    /// <summary>Stripe Checkout through Stripe.net (international and joint-venture campuses).</summary>
    Stripe = 2,
}
