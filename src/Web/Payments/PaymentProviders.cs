using Photocollect.Tenancy.Settings;
using Photocollect.Web.Data;

namespace Photocollect.Web.Payments;

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

/// <summary>
/// A school's payment settings (section <c>payments</c>): the provider and its credentials. Secrets are encrypted at
/// rest with a key per school and section, and shown back only masked.
/// </summary>
[TenantSettingsSection("payments")]
public sealed class PaymentSettings
{
    /// <summary>Chosen provider.</summary>
    public PaymentProviderKind Provider { get; set; } = PaymentProviderKind.Sandbox;

    /// <summary>WeChat Pay: API base, normally https://api.mch.weixin.qq.com.</summary>
    public string WeChatBaseUrl { get; set; } = "https://api.mch.weixin.qq.com";

    /// <summary>WeChat Pay: the service provider's merchant id (sp_mchid).</summary>
    public string? WeChatSpMchId { get; set; }

    /// <summary>WeChat Pay: the service provider's app id (sp_appid), for JSAPI.</summary>
    public string? WeChatSpAppId { get; set; }

    /// <summary>WeChat Pay: the school's sub-merchant id (sub_mchid); the money goes there.</summary>
    public string? WeChatSubMchId { get; set; }

    /// <summary>WeChat Pay: the serial number of the service provider's API certificate (signs requests).</summary>
    public string? WeChatMerchantSerialNo { get; set; }

    /// <summary>WeChat Pay: the service provider's API private key (PKCS#8 PEM).</summary>
    [Secret]
    public string? WeChatMerchantPrivateKey { get; set; }

    /// <summary>WeChat Pay: the APIv3 key (32 characters) that decrypts notifications.</summary>
    [Secret]
    public string? WeChatApiV3Key { get; set; }

    /// <summary>WeChat Pay: platform certificates (PEM, one or more), chosen by serial to verify signatures.</summary>
    public string? WeChatPlatformCertificates { get; set; }

    /// <summary>WeChat Pay: the WeChat Pay public key's id (PUB_KEY_ID_…), used instead of or beside certificates.</summary>
    public string? WeChatPublicKeyId { get; set; }

    /// <summary>WeChat Pay: the WeChat Pay public key (PEM).</summary>
    public string? WeChatPublicKey { get; set; }

    /// <summary>Stripe: API base, normally https://api.stripe.com.</summary>
    public string StripeBaseUrl { get; set; } = "https://api.stripe.com";

    /// <summary>Stripe: the secret API key (sk_…).</summary>
    [Secret]
    public string? StripeSecretKey { get; set; }

    /// <summary>Stripe: the webhook endpoint's signing secret (whsec_…).</summary>
    [Secret]
    public string? StripeWebhookSecret { get; set; }
}

/// <summary>Where the student pays.</summary>
public enum PayChannel
{
    /// <summary>A desktop browser: a QR code to scan with the phone (WeChat Native).</summary>
    Desktop,

    /// <summary>A phone browser outside WeChat (WeChat H5).</summary>
    MobileBrowser,

    /// <summary>Inside WeChat, with the student's openid (WeChat JSAPI).</summary>
    WeChat,
}

/// <summary>What the provider needs to start collecting a payment.</summary>
/// <param name="Payment">Our payment (its id is the merchant order number).</param>
/// <param name="Description">What is bought, e.g. 北方示范大学-毕业生图像采集.</param>
/// <param name="SchoolUrl">The school's absolute base URL, e.g. https://host/s/beifang.</param>
/// <param name="ReturnUrl">Where the student comes back to.</param>
/// <param name="NotifyUrl">Where the provider sends its asynchronous notification.</param>
/// <param name="ExpiresAt">When the provider-side order must expire (the order's pay deadline).</param>
/// <param name="Channel">Where the student pays.</param>
/// <param name="ClientIp">The student's IP address (H5).</param>
/// <param name="OpenId">The student's openid (JSAPI).</param>
public sealed record CheckoutRequest(Payment Payment, string Description, string SchoolUrl, string ReturnUrl, string NotifyUrl, DateTimeOffset ExpiresAt, PayChannel Channel, string? ClientIp, string? OpenId);

/// <summary>What the student does next: go to a URL, scan a QR code, or call WeChat's JSAPI with these parameters.</summary>
/// <param name="RedirectUrl">A page to open, or null.</param>
/// <param name="QrText">Text to show as a QR code, or null.</param>
/// <param name="JsApi">Parameters for <c>WeixinJSBridge.invoke('getBrandWCPayRequest')</c>, or null.</param>
/// <param name="ProviderReference">The provider's id of what was created (prepay id, session id), or null.</param>
public sealed record Checkout(string? RedirectUrl, string? QrText, IReadOnlyDictionary<string, string>? JsApi, string? ProviderReference);

/// <summary>A payment's state at the provider.</summary>
public enum RemoteState
{
    /// <summary>Created, not paid.</summary>
    Pending,

    /// <summary>Paid.</summary>
    Succeeded,

    /// <summary>Closed or expired unpaid.</summary>
    Closed,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>The provider does not know it.</summary>
    NotFound,
}

/// <summary>A payment as the provider reports it (a query answer or a verified notification).</summary>
/// <param name="PaymentId">Our payment id.</param>
/// <param name="State">Its state there.</param>
/// <param name="ProviderReference">The provider's transaction id once paid.</param>
/// <param name="AmountFen">Amount, fen (0 when unknown).</param>
/// <param name="Currency">Currency (ISO 4217, upper case).</param>
public sealed record RemotePayment(Guid PaymentId, RemoteState State, string? ProviderReference, long AmountFen, string Currency);

/// <summary>A refund's state.</summary>
public enum RefundState
{
    /// <summary>Recorded, not yet sent or answered.</summary>
    Pending,

    /// <summary>Accepted by the provider, not yet final.</summary>
    Processing,

    /// <summary>Money returned.</summary>
    Succeeded,

    /// <summary>Refused or failed for good; the amount may be refunded again.</summary>
    Failed,
}

/// <summary>A refund as the provider reports it.</summary>
/// <param name="RefundId">Our refund id.</param>
/// <param name="State">Its state there.</param>
/// <param name="ProviderReference">The provider's refund id.</param>
public sealed record RemoteRefund(Guid RefundId, RefundState State, string? ProviderReference);

/// <summary>A verified notification: about a payment, about a refund, or (both null) about something else.</summary>
/// <param name="Payment">The payment it reports, or null.</param>
/// <param name="Refund">The refund it reports, or null.</param>
public sealed record ProviderEvent(RemotePayment? Payment, RemoteRefund? Refund);

/// <summary>A provider call failed. A transient failure (no answer, a 5xx, a 429) was already retried as the provider's
/// client retries: <see cref="ProviderHttp"/>, or Stripe.net for Stripe.</summary>
/// <param name="message">What happened (no secrets).</param>
/// <param name="transient">Whether trying later may work.</param>
public sealed class PaymentProviderException(string message, bool transient) : Exception(message)
{
    /// <summary>Whether trying later may work.</summary>
    public bool Transient => transient;
}

/// <summary>
/// One payment provider for one school, made from the school's <see cref="PaymentSettings"/>. Amounts are integer fen
/// with a currency; our payment id is the merchant order number everywhere.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Which provider.</summary>
    PaymentProviderKind Kind { get; }

    /// <summary>Creates the provider-side order and says where the student pays.</summary>
    Task<Checkout> CheckoutAsync(CheckoutRequest request, CancellationToken cancellationToken);

    /// <summary>Asks the provider how a payment stands (reconciliation).</summary>
    Task<RemotePayment> QueryAsync(Payment payment, CancellationToken cancellationToken);

    /// <summary>Closes an unpaid provider-side order so it can no longer be paid.</summary>
    Task CloseAsync(Payment payment, CancellationToken cancellationToken);

    /// <summary>Asks the provider to refund; its notification goes to <paramref name="notifyUrl"/> where the provider
    /// takes one per request (otherwise the refund is followed by queries).</summary>
    Task<RemoteRefund> RefundAsync(Refund refund, Payment payment, string? notifyUrl, CancellationToken cancellationToken);

    /// <summary>Asks the provider how a refund stands.</summary>
    Task<RemoteRefund> QueryRefundAsync(Refund refund, Payment payment, CancellationToken cancellationToken);

    /// <summary>Verifies and reads a notification; null when it is not genuine, stale or unreadable.</summary>
    ProviderEvent? ReadNotification(IHeaderDictionary headers, string body);
}

/// <summary>Our payment and refund ids as merchant order and refund numbers (32 hex digits) at every provider.</summary>
public static class MerchantNumbers
{
    /// <summary>The number of an id.</summary>
    public static string Of(Guid id) => id.ToString("N");

    /// <summary>The id of a number, or null when it is not one of ours.</summary>
    public static Guid? Parse(string? number) => Guid.TryParseExact(number, "N", out var id) ? id : null;
}
