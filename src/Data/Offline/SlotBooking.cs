using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>A student's booking (预约) of a slot: one per order, changed by moving it. Any slot inside the school's window is
/// still accepted on site; the booking only spreads the crowd.</summary>
public sealed class SlotBooking : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The paid order.</summary>
    public Guid OrderId { get; set; }

    /// <summary>The slot.</summary>
    public Guid SlotId { get; set; }

    /// <summary>Made or last moved (UTC).</summary>
    public DateTimeOffset BookedAt { get; set; }

    /// <summary>The staff member who booked for the student (on site, lost ID card), or null when the student did.</summary>
    public string? BookedBy { get; set; }
}
