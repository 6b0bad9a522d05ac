using Photocollect.Data;

namespace Photocollect.Payments;

/// <summary>A refund as the provider reports it.</summary>
/// <param name="RefundId">Our refund id.</param>
/// <param name="State">Its state there.</param>
/// <param name="ProviderReference">The provider's refund id.</param>
public sealed record RemoteRefund(Guid RefundId, RefundState State, string? ProviderReference);
