using Microsoft.EntityFrameworkCore;

namespace Photocollect.Payments;

/// <summary>What one reconciliation round did.</summary>
/// <param name="PaymentsApplied">Payments found paid or closed at the provider whose notification had not come.</param>
/// <param name="RefundsStarted">Automatic refunds started (paid after closing, paid twice, or not collected by the end of the window).</param>
/// <param name="RefundsUpdated">Refunds sent again or moved on by a query.</param>
public sealed record ReconciliationReport(int PaymentsApplied, int RefundsStarted, int RefundsUpdated)
{
    /// <summary>Nothing done.</summary>
    public static ReconciliationReport None { get; } = new(0, 0, 0);

    /// <summary>Both rounds' counts added.</summary>
    public static ReconciliationReport operator +(ReconciliationReport a, ReconciliationReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.PaymentsApplied + b.PaymentsApplied, a.RefundsStarted + b.RefundsStarted, a.RefundsUpdated + b.RefundsUpdated);
    }
}
