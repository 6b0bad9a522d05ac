namespace Photocollect.Data;

/// <summary>What a job asked a payment provider when it failed (<see cref="ProviderError.Operation"/>).</summary>
public static class ProviderOperations
{
    /// <summary>Asking about a pending payment.</summary>
    public const string QueryPayment = "query.payment";

    /// <summary>Asking about a refund in progress.</summary>
    public const string QueryRefund = "query.refund";

    /// <summary>Closing an unpaid order's payment at the provider.</summary>
    public const string Close = "close";

    /// <summary>Asking for a refund.</summary>
    public const string Refund = "refund";
}
