using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>A verified notification: about a payment, about a refund, or (both null) about something else.</summary>
/// <param name="Payment">The payment it reports, or null.</param>
/// <param name="Refund">The refund it reports, or null.</param>
public sealed record ProviderEvent(RemotePayment? Payment, RemoteRefund? Refund);
