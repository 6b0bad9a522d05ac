
namespace Photocollect.Payments;

/// <summary>A provider call failed. A transient failure (no answer, a 5xx, a 429) was already retried as the provider's
/// client retries: <see cref="ProviderHttp"/>, or Stripe.net for Stripe.</summary>
/// <param name="message">What happened (no secrets).</param>
/// <param name="transient">Whether trying later may work.</param>
public sealed class PaymentProviderException(string message, bool transient) : Exception(message)
{
    /// <summary>Whether trying later may work.</summary>
    public bool Transient => transient;
}
