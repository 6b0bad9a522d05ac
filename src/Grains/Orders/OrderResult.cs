namespace Photocollect.Grains.Orders;

/// <summary>The result of a call on an order.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="State">The order afterwards (null when not found).</param>
/// <param name="Refusal">Why it was refused: a stable code such as <c>status</c> or <c>amount</c>.</param>
[GenerateSerializer, Immutable]
public sealed record OrderResult(OrderOutcome Outcome, OrderState? State, string? Refusal = null)
{
    /// <summary>Done now or already done.</summary>
    public bool Succeeded => Outcome is OrderOutcome.Done or OrderOutcome.AlreadyDone;
}
