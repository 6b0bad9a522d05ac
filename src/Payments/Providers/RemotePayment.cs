
namespace Photocollect.Payments;

/// <summary>A payment as the provider reports it (a query answer or a verified notification).</summary>
/// <param name="PaymentId">Our payment id.</param>
/// <param name="State">Its state there.</param>
/// <param name="ProviderReference">The provider's transaction id once paid.</param>
/// <param name="AmountFen">Amount, fen (0 when unknown).</param>
/// <param name="Currency">Currency (ISO 4217, upper case).</param>
public sealed record RemotePayment(Guid PaymentId, RemoteState State, string? ProviderReference, long AmountFen, string Currency);
