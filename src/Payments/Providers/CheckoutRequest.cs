using Photocollect.Data;

namespace Photocollect.Payments;

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
/// <param name="CancelUrl">Where the student comes back to after cancelling at a cashier that tells a cancel from a
/// payment (Stripe's <c>cancel_url</c>); null for <paramref name="ReturnUrl"/>. Coming back there marks nothing: only
/// the provider's notification or a query changes a payment.</param>
public sealed record CheckoutRequest(Payment Payment, string Description, string SchoolUrl, string ReturnUrl, string NotifyUrl, DateTimeOffset ExpiresAt, PayChannel Channel, string? ClientIp, string? OpenId, string? CancelUrl = null);
